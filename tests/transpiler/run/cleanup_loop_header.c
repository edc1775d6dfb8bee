// A cleanup local declared in a for loop's header lives as long as the loop: a continue goes on
// inside it and must not run its cleanup (only the body's locals are left). asyncc ran it at
// every continue once the local lived in the frame (tcc's tests2/101_cleanup, made async:
// "200 0 200 1 ..." where gcc prints "200 200 ... 10"); break and the loop's end run it once.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

static void cl(int *ip)
{
    printf("cl %d\n", *ip);
}

async void loops(void)
{
    for (__attribute__((cleanup(cl))) int i = 0; i < 3; ++i) {
        await(ac_yield());
        __attribute__((cleanup(cl))) int j = 200 + i;
        continue;
    }
    // CHECK: cl 200
    // CHECK-NEXT: cl 201
    // CHECK-NEXT: cl 202
    // CHECK-NEXT: cl 3
    printf("--\n");
    for (__attribute__((cleanup(cl))) int i = 0; i < 3; ++i) {
        if (i == 1)
            continue; /* before the loop's await */
        await(ac_yield());
        printf("body %d\n", i);
    }
    // CHECK-NEXT: --
    // CHECK-NEXT: body 0
    // CHECK-NEXT: body 2
    // CHECK-NEXT: cl 3
    printf("--\n");
    for (__attribute__((cleanup(cl))) int i = 10; i < 13; ++i) {
        __attribute__((cleanup(cl))) int k = 100 + i;
        await(ac_yield());
        switch (i) {
        case 10:
            continue; /* out of the switch, on with the loop */
        case 11:
            break; /* the switch's */
        default:
            goto out; /* out of the loop: both cleanups */
        }
        printf("after switch %d\n", i);
    }
out:
    // CHECK-NEXT: --
    // CHECK-NEXT: cl 110
    // CHECK-NEXT: after switch 11
    // CHECK-NEXT: cl 111
    // CHECK-NEXT: cl 112
    // CHECK-NEXT: cl 12
    printf("--\n");
    for (__attribute__((cleanup(cl))) int i = 20;; ++i) {
        await(ac_yield());
        if (i < 22)
            continue;
        break;
    }
    // CHECK-NEXT: --
    // CHECK-NEXT: cl 22
    printf("--\n");
    int n = 0;
    do {
        __attribute__((cleanup(cl))) int w = 30 + n++;
        await(ac_yield());
        if (n == 1)
            continue;
    } while (n < 3);
    // CHECK-NEXT: --
    // CHECK-NEXT: cl 30
    // CHECK-NEXT: cl 31
    // CHECK-NEXT: cl 32
}

async int main(void)
{
    await(loops());
    return 0;
}
// CHECK-NEXT: exit: 0
