// An await inside typeof or sizeof is never run: only the type of its result counts. In local
// type declarations that move to file scope (typedefs, struct members, array sizes) the moved
// text carries the replacement of the await, not the await marker itself, which reached gcc
// as `__asyncc_await` undeclared (`typedef __typeof__(await(f())) T;`).
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

static int calls;

async long wide(void)
{
    calls++;
    await(ac_yield());
    return 40;
}

async char narrow(void)
{
    calls++;
    await(ac_yield());
    return 2;
}

async void nothing(void)
{
    calls++;
    await(ac_yield());
}

async int f(int k)
{
    typedef __typeof__(await(wide())) T;
    T x = 5;
    int n = 0;
    for (int i = 0; i < k; i++) {
        typedef __typeof__(await(narrow())) *P, A[2];
        struct holder {
            __typeof__(await(wide())) m;
            char pad[sizeof(await(narrow())) + 1];
        };
        struct holder h = {i, {0}};
        A a = {1, 2};
        P p = &a[1];
        await(ac_yield());
        n += (int)h.m + *p + (int)sizeof h.pad;
    }
    {
        typedef __typeof__(await(nothing())) V;
        typedef char big[sizeof(await(wide())) * 2];
        enum { ONE = sizeof(await(narrow())) };
        V (*fp)(void) = 0;
        x += (T)sizeof(big) + (fp == 0) + ONE;
    }
    await(ac_yield());
    return (int)x + n * 100 + (int)sizeof(T) * 10000;
}

async int main(void)
{
    int r = await(f(2));
    // CHECK: 80923 calls 0
    printf("%d calls %d\n", r, calls);
    return 0;
}
