// An initializer that a later designator overrides in full is never evaluated: gcc and clang drop
// it, side effects and all (C11 6.7.9p19, footnote 151), and so are the awaits in it (before:
// asyncc ran them ahead of the declaration, one more call each than the plain build).
// Overrides of the list C makes up for a designator's subobject (`.a.b[2] = x` then `.a = y`),
// of an explicit list, of a union member, inside loops and statement expressions; awaits that
// are not overridden still run, once.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

// gcc warns of an overwritten initializer with side effects, in the source as in the output
#if defined(__clang__)
#pragma clang diagnostic ignored "-Winitializer-overrides"
#else
#pragma GCC diagnostic ignored "-Woverride-init"
#pragma GCC diagnostic ignored "-Woverride-init-side-effects"
#endif

static int calls;

async int id(int v)
{
    calls++;
    await(ac_yield());
    return v;
}

struct xy {
    int x, y;
};
struct ab {
    struct {
        int b[4];
        int c;
    } a;
    struct xy pts[3];
};
union un {
    int i;
    struct xy p;
};

async int main(void)
{
    int rep[3] = {[1] = await(id(100)), [1] = await(id(200))};
    // CHECK: rep 200 calls 1
    printf("rep %d calls %d\n", rep[1], calls);

    struct xy p = {.x = await(id(1)), .y = 2, .x = 9};
    // CHECK-NEXT: p 9 2 calls 1
    printf("p %d %d calls %d\n", p.x, p.y, calls);

    struct ab z = {{{9, 9, 9, 9}, 9}, {{0, 0}}};
    struct ab s = {.a.b[2] = await(id(3)), .pts[1].y = await(id(4)), .a = z.a, .pts = {[2] = {await(id(5)), 6}}};
    // CHECK-NEXT: s 9 0 5 calls 2
    printf("s %d %d %d calls %d\n", s.a.b[2], s.pts[1].y, s.pts[2].x, calls);

    int arr[2][2] = {[0] = {await(id(7)), await(id(8))}, [0][1] = 1, [0] = {2}};
    // CHECK-NEXT: arr 2 0 calls 2
    printf("arr %d %d calls %d\n", arr[0][0], arr[0][1], calls);

    union un u = {.p.x = await(id(11)), .i = await(id(12))};
    // CHECK-NEXT: union 12 calls 3
    printf("union %d calls %d\n", u.i, calls);

    int sum = 0;
    for (int i = 0; i < 3; i++) {
        struct xy q = {await(id(i)), await(id(i + 10)), .x = i * 100};
        sum += q.x + q.y + ({ struct xy r = {.y = await(id(1)), .y = await(id(i))}; r.y; });
    }
    // CHECK-NEXT: loop 336 calls 9
    printf("loop %d calls %d\n", sum, calls);
    return 0;
}
// CHECK-NEXT: exit: 0
