#include <asyncc.h>
#include <stdio.h>
async int id(int x) { await(ac_yield()); return x; }
async int main(void)
{
    int total = 0;
    for (int k = 0; k < 3; k++) {
        switch (k) {
            int pre;
        case 0:
            pre = await(id(5));
            total += pre;
            break;
        case 1:
            pre = 7;
            await(ac_yield());
            total += pre * 2;
            /* fallthrough */
        default:
            total += await(id(k));
        }
    }
    int v = ({ int acc = 0; for (int i = 0; i < 3; i++) acc += await(id(i + 1)); acc; });
    int w = ({ int acc = 10; while (acc < 40) { int step = await(id(acc)); acc += step; } acc; });
    printf("%d %d %d\n", total, v, w);
    return 0;
}
// Adversarial: locals declared before the first case of a switch, loops inside statement expressions
// RUN: %run %s %t  | %FileCheck %s
// CHECK: 22 6 40
// CHECK-NEXT: exit: 0
