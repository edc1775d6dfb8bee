// The thin end-to-end slice: two async functions, a loop, parameters, a runtime sleep.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

async int add_later(int a, int b)
{
    await(ac_sleep_ms(5));
    return a + b;
}

async int main(void)
{
    int total = 0;
    for (int i = 0; i < 3; i++) {
        int v = await(add_later(i, 10));
        printf("step %d: %d\n", i, v);
        total += v;
    }
    printf("total %d\n", total);
    return total == 33 ? 0 : 1;
}
// CHECK: step 0: 10
// CHECK-NEXT: step 1: 11
// CHECK-NEXT: step 2: 12
// CHECK-NEXT: total 33
// CHECK-NEXT: exit: 0
