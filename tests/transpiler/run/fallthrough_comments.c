// A fallthrough comment or attribute on the line of an awaiting statement that ends a case stays
// right before the next case label in the output, where gcc's -Wimplicit-fallthrough (-Wextra,
// an error with run.sh's -Werror) looks for it: no #line may come between them.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

async int id(int x)
{
    await(ac_yield());
    return x;
}

/* never suspends: lowered as a plain C twin, with the same rules */
async int pure(int x)
{
    return x;
}

async int twin_cases(int x)
{
    int t = 0;
    switch (x) {
    case 0:
        t += await(pure(1)); /* fallthrough */
    case 1:
        t += await(pure(10)); // fallthrough
    default:
        t += 100;
    }
    return t;
}

async int cases(int x)
{
    int t = 0;
    switch (x) {
    case 0:
        t += await(id(1)); /* fallthrough */
    case 1:
        t += 10;
        await(ac_yield()); // fallthrough
    case 2:
        t += await(id(100)); __attribute__((fallthrough));
    case 3:
        if (x > 2)
            t += await(id(1000)); /* FALLTHRU */
    case 4: {
        t += await(id(10000));
    } // fall through
    case 5:
        t += await(twin_cases(x % 3)); /* fallthrough */
    default:
        t += 1;
    }
    return t;
}

async int main(void)
{
    for (int i = 0; i < 7; i++)
        printf("cases(%d) = %d\n", i, await(cases(i)));
    return 0;
}
// CHECK: cases(0) = 10223
// CHECK-NEXT: cases(1) = 10221
// CHECK-NEXT: cases(2) = 10201
// CHECK-NEXT: cases(3) = 11112
// CHECK-NEXT: cases(4) = 10111
// CHECK-NEXT: cases(5) = 101
// CHECK-NEXT: cases(6) = 1
// CHECK-NEXT: exit: 0
