// A backward goto out of a VLA's scope, to before an await, does not make the VLA live across
// the await: the jump ends its lifetime, and it is made again when its declaration is reached.
// It was refused ("variable-length array 'v' cannot live across an await").
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

async int retries(int n)
{
    int tries = 0;
retry:
    await(ac_yield());
    tries++;
    int v[n];
    for (int i = 0; i < n; i++)
        v[i] = tries * i;
    if (v[n - 1] < 10)
        goto retry;
    return v[n - 1];
}

async int main(void)
{
    printf("%d\n", await(retries(3)));
    // CHECK: 10
    return 0;
}
// CHECK-NEXT: exit: 0
