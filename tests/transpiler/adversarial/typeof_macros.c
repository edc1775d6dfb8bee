#include <asyncc.h>
#include <stdio.h>
async int id(int x) { await(ac_yield()); return x; }
#define MAX(a, b) ({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); _a > _b ? _a : _b; })
struct pt { int x, y; };
async int main(void)
{
    int x = 4;
    struct pt p = {1, 2};
    __typeof__(p) q = p;
    __typeof__(p.x + 0.5) half = 0.5;
    int m = MAX(await(id(3)), x + 0);
    int m2 = MAX(x + 1, await(id(9)));
    await(ac_yield());
    printf("%d %d %d %.1f %d\n", m, m2, q.y, half, x);
    typedef __typeof__(0) xt;
    xt z = await(id(7));
    printf("%d\n", z);
    return 0;
}
// Adversarial: __typeof__ of locals and members, MAX-style statement-expression macros with awaits in either argument
// RUN: %run %s %t  | %FileCheck %s
// CHECK: 4 9 2 0.5 4
// CHECK-NEXT: 7
// CHECK-NEXT: exit: 0
