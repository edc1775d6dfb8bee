// A variable-length array of const or volatile elements that lives in the frame is freed where
// its block ends: that free passed the array's address as its own type, `volatile int (*)[n]`, to
// ac__vla_free(void *), and gcc warned -Wdiscarded-array-qualifiers where the source says
// nothing (gcc.dg/ubsan's bounds-2 made async: a block or void function that ends without a
// jump). The jumps out of the block (return, break, goto) were freed right already.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

static int total;

static async void fall_off(int n)
{
    volatile int a[n];
    const int c[n][n + 1];
    a[n - 1] = n;
    await(ac_yield());
    total += a[n - 1] + (int)sizeof c;
}

static async int blocks(int n)
{
    int s = 0;
    for (int k = 0; k < 2; k++) {
        volatile short v[n][n];
        v[0][n - 1] = (short)(k + 1);
        await(ac_yield());
        s += v[0][n - 1];
    }
    {
        const volatile char w[n];
        await(ac_yield());
        s += (int)sizeof w;
    }
    return s;
}

async int main(void)
{
    await(fall_off(3));
    printf("%d %d\n", total, await(blocks(4)));
    // CHECK: 51 7
    return 0;
}
