// GNU `a ?: b` evaluates a once and b only when a is 0; __builtin_choose_expr evaluates the
// branch its constant picks and never the other. Awaits there run exactly when the source's
// calls would (before: both were refused).
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

static int calls;
static int counter;
async int id(int v) { calls++; await(ac_yield()); return v; }
async const char *name(const char *v) { calls++; await(ac_yield()); return v; }
async int bump(void) { calls++; await(ac_yield()); return ++counter; }
#define PICK(x) __builtin_choose_expr(__builtin_types_compatible_p(__typeof__(x), double), 1.5, (x))

async int main(void)
{
    const char *env = NULL;
    const char *n1 = env ?: await(name("default"));
    const char *n2 = "set" ?: await(name("never"));
    // CHECK: elvis default set calls 1
    printf("elvis %s %s calls %d\n", n1, n2, calls);

    /* a is evaluated once, even when it awaits itself */
    int a = await(bump()) ?: await(id(9));
    counter = -1;
    int b = await(bump()) ?: await(id(9));
    // CHECK-NEXT: once 1 9 counter 0 calls 4
    printf("once %d %d counter %d calls %d\n", a, b, counter, calls);

    /* a read before b's await changes it */
    counter = 0;
    int c = counter ?: (await(bump()), counter + 100);
    // CHECK-NEXT: order 101 calls 5
    printf("order %d calls %d\n", c, calls);

    int sum = 0;
    for (int i = 0; i < 6; i++)
        sum += (i & 1) ?: await(id(i)) ?: await(id(1000));
    // CHECK-NEXT: loop 1009 calls 9
    printf("loop %d calls %d\n", sum, calls);

    int d = __builtin_choose_expr(1, await(id(3)), await(name("x")));
    const char *e = __builtin_choose_expr(0, await(id(3)), await(name("chosen")));
    double f = PICK(await(id(4)));
    // CHECK-NEXT: choose 3 chosen 4 calls 12
    printf("choose %d %s %g calls %d\n", d, e, f, calls);
    return 0;
}
// CHECK-NEXT: exit: 0
