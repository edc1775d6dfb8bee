// A prototype of an async function inside a body (`async int f(int);`, as c-testsuite 00078
// writes before calling) names a function the generated code no longer has: it is left out
// (it reached gcc with its annotate attribute: -Wattributes, F7), and the call goes to the ABI
// functions declared at file scope, also for functions defined only further down.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

async int main(void)
{
    async int inc(int), zero(void);
    int x = await(inc(-1));
    {
        async int zero(void);
        x += await(zero());
    }
    printf("%d\n", x);
    // CHECK: 0
    return x;
}

async int inc(int a)
{
    await(ac_yield());
    return a + 1;
}

async int zero(void)
{
    return 0;
}
// CHECK-NEXT: exit: 0
