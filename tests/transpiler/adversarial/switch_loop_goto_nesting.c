// Adversarial: switch in loops in switch, do-while(0) macros, gotos across awaits, labels before awaits
// RUN: %run %s %t  | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>
async int id(int x) { await(ac_yield()); return x; }
#define STEP(v) do { acc += await(id(v)); } while (0)
async int sw(int n)
{
    int acc = 0;
    for (int i = 0; i < n; i++) {
        switch (await(id(i % 4))) {
        case 0:
            for (int j = 0; await(id(j)) < 3; j++) {
                switch (j) {
                case 1: continue;
                case 2: acc += 100; break;
                default: STEP(j + 1);
                }
                if (j == 2) break;
            }
            break;
        case 1:
            STEP(7);
            /* fallthrough */
        case 2: {
            int k = await(id(3));
            while (k--) {
                if (k == 1) continue;
                STEP(k);
            }
            break;
        }
        default:
            if (await(id(i)) > 5) goto out;
            acc *= 2;
        }
    }
out:
    return acc;
}
async int gotos(int n)
{
    int r = 0;
    int i = 0;
again:
    if (i < n) {
        r += await(id(i));
        i++;
        goto again;
    }
    {
        int inner = await(id(5));
        if (inner == 5) goto skip;
        r = -1000;
    skip:
        r += inner;
    }
    for (int j = 0; j < 3; j++) {
        if (j == 1) goto mid;
        r += await(id(j * 10));
        continue;
    mid:
        r += 1000;
        await(ac_yield());
    }
    do {
        r++;
        if (r > 5000) break;
        await(ac_yield());
    } while (await(id(r)) < 1100);
lab: await(ac_yield());
    if (r < 1110) { r += 3; goto lab; }
    return r;
}
async int main(void)
{
    for (int n = 0; n < 12; n++)
        printf("sw %d %d\n", n, await(sw(n)));
    for (int n = 0; n < 4; n++)
        printf("gotos %d %d\n", n, await(gotos(n)));
    return 0;
}
// CHECK: sw 0 0
// CHECK-NEXT: sw 1 101
// CHECK-NEXT: sw 2 110
// CHECK-NEXT: sw 3 112
// CHECK-NEXT: sw 4 224
// CHECK-NEXT: sw 5 325
// CHECK-NEXT: sw 6 334
// CHECK-NEXT: sw 7 336
// CHECK-NEXT: sw 8 336
// CHECK-NEXT: sw 9 336
// CHECK-NEXT: sw 10 336
// CHECK-NEXT: sw 11 336
// CHECK-NEXT: gotos 0 1112
// CHECK-NEXT: gotos 1 1112
// CHECK-NEXT: gotos 2 1112
// CHECK-NEXT: gotos 3 1112
// CHECK-NEXT: exit: 0
