// An await's value waits in a temporary until the rest of its statement reads it: a C local of
// the run function when no other await in that rest may suspend (nothing can between the two;
// gcc -O2 keeps the local in a register, where a frame member was a store and a load it must
// keep), a frame member when one may (either order: `a + b` of two awaits keeps both in the
// frame). A value the statement drops is not read at all. Every value prints right, also at -O2 and against the sequential build.
// RUN: %asyncc %s -o %t.c
// RUN: %FileCheck --check-prefix=GEN %s < %t.c
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

async int shapes(int k);

/* Recursive, and through shapes too (which never happens: n is never negative): each await of
 * either is a child in the task arena, whose value is read through a temporary. It suspends at
 * its base. */
// GEN-LABEL: {{^}}static int ac__run_depth(
// GEN-SAME: int [[S:ac__t[0-9]+]]; int [[ONE:ac__t[0-9]+]]; (void)ac__cx; (void)ac__keep; (void)[[S]]; (void)[[ONE]];
// GEN: [[S]] = *(int *)
// GEN: ac__fr->ac__result = ([[S]])
// GEN: ac__fr->[[A:ac__t[0-9]+]] = *(int *)
// GEN: ac__fr->[[B:ac__t[0-9]+]] = *(int *)
// GEN: ac__fr->ac__result = (ac__fr->[[A]] + ac__fr->[[B]] + 1)
// GEN: ac__init_depth(ac__fr->ac__c{{[0-9]+}}, 0);
// GEN-NOT: = *(int *)
// GEN: ac__init_depth(ac__fr->ac__c{{[0-9]+}}, 0);
// GEN: [[ONE]] = *(int *)
// GEN: ac__fr->ac__result = ([[ONE]] + 1)
// GEN-NOT: ac__t{{[0-9]+}} =
// GEN: AC__NAMED_BODY_END(return (depth)
async int depth(int n)
{
    if (n < 0)
        return await(shapes(0));
    if (n > 1) /* (n - 1) + 0 + 1 */
        return await(depth(n - 1)) + await(depth(0)) + 1;
    if (n == 1) {
        await(depth(0)); /* a value dropped */
        return await(depth(0)) + 1;
    }
    await(ac_yield());
    return 0;
}

/* Never suspends: an await of it is a direct call of its twin. */
async int twice(int x)
{
    return 2 * x;
}

// GEN-LABEL: {{^}}static int ac__run_shapes(
// GEN-SAME: int [[W:ac__t[0-9]+]]; int [[DROP:ac__t[0-9]+]]; (void)ac__cx; (void)ac__keep; (void)[[W]]; (void)[[DROP]];
// GEN: ac__fr->[[T:ac__t[0-9]+]] = ac__now_twice(k);
// GEN: int c = ac__fr->[[T]] + ac__fr->
// GEN: [[W]] = ac__coop_left(ac__cx);
// GEN: int w = [[W]];
// GEN: [[DROP]] = ac__coop_left(ac__cx);
async int shapes(int k)
{
    int a = await(depth(k)) * 10;
    int b = await(depth(1)) + await(depth(2));
    int c = await(twice(k)) + await(depth(3));
    int d = 0;
    while (await(depth(d)) < 3)
        d++;
    if (k > 0 && await(depth(4)) == 4)
        d += 100;
    await(depth(5));
    /* a select's value (the winner's index) is set in the poll that finishes it: a C local too,
     * also when the value is dropped */
    int w = await(ac_select(depth(0), ac_sleep_ms(100000)));
    await(ac_select(depth(0), ac_sleep_ms(100000)));
    printf("a=%d b=%d c=%d d=%d w=%d\n", a, b, c, d, w);
    return a + b + c + d + w;
}

async int main(void)
{
    printf("%d\n", await(shapes(2)));
    return 0;
}
// CHECK: a=20 b=3 c=7 d=103 w=0
// CHECK-NEXT: 133
