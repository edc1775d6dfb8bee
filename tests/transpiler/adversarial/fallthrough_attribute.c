// Adversarial: __attribute__((fallthrough)) between cases with awaits
// RUN: %run %s %t  | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>
async int id(int x) { await(ac_yield()); return x; }
async int main(void)
{
    int s = 0;
    for (int i = 0; i < 3; i++) {
        switch (i) {
        case 0:
            s += await(id(1));
            __attribute__((fallthrough));
        case 1:
            s += await(id(10));
            break;
        default:
            s += 100;
        }
    }
    printf("%d\n", s);
    return 0;
}
// CHECK: 121
// CHECK-NEXT: exit: 0
