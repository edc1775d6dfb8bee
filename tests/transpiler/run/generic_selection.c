// _Generic evaluates its selected association alone and never its controlling expression
// (C11 6.5.1.1). Type-generic macros pass an awaited argument to both (`ABS(await(f()))`
// expands to `_Generic((await(f())), ...)(await(f()))`): the controlling await must not run,
// the argument's must, once. Before: every await inside a _Generic was refused.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

static int calls;
async int id(int v) { calls++; await(ac_yield()); return v; }
async double idd(double v) { calls++; await(ac_yield()); return v; }
struct pt { int x, y; };
async struct pt mkpt(int x) { calls++; await(ac_yield()); return (struct pt){x, -x}; }

static int abs_i(int v) { return v < 0 ? -v : v; }
static double abs_d(double v) { return v < 0 ? -v : v; }
#define ABS(x) _Generic((x), int: abs_i, double: abs_d)(x)
#define KIND(x) _Generic((x), int: "int", double: "double", struct pt: "pt", default: "other")

async int main(void)
{
    int a = _Generic(await(id(1)), int: 10, default: 20);
    // CHECK: controlling 10 calls 0
    printf("controlling %d calls %d\n", a, calls);
    // CHECK-NEXT: kinds int double pt calls 0
    printf("kinds %s %s %s calls %d\n", KIND(await(id(1))), KIND(await(idd(1))), KIND(await(mkpt(1))), calls);

    int b = _Generic(a, int: await(id(5)) + a, default: await(id(7)));
    // CHECK-NEXT: selected 15 calls 1
    printf("selected %d calls %d\n", b, calls);

    // CHECK-NEXT: macro 3 2.5 calls 3
    int c = ABS(await(id(-3)));
    double d = ABS(await(idd(-2.5)));
    printf("macro %d %g calls %d\n", c, d, calls);

    int sum = 0;
    for (int i = 0; i < 4; i++) {
        long l = i;
        sum += _Generic(l, long: await(id(i)) * 10 + _Generic(sum, int: await(id(1)), default: await(id(100))),
                           int: await(id(1000)));
        if (_Generic(1.0f, float: await(id(i & 1)), double: 0) && _Generic(i, int: await(id(1))))
            sum += 100;
    }
    // CHECK-NEXT: loop 264 calls 17
    printf("loop %d calls %d\n", sum, calls);

    struct pt p = _Generic(&a, int *: await(mkpt(4)), default: (struct pt){0, 0});
    // CHECK-NEXT: struct 4 -4 calls 18
    printf("struct %d %d calls %d\n", p.x, p.y, calls);

    int e = _Generic(p, struct pt: ({ int t = await(id(6)); await(ac_yield()); t * 2; }), default: 0);
    // CHECK-NEXT: stmt-expr 12 calls 19
    printf("stmt-expr %d calls %d\n", e, calls);
    return 0;
}
// CHECK-NEXT: exit: 0
