// __COUNTER__ goes on counting after an async function: the function's code is written out
// expanded (its __COUNTER__s are numbers), so the compiler of the output would count from where
// the lines before it left off, and a name made unique with it could repeat. asyncc advances the
// count by as many expansions as the replaced lines had (also through macros).
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)
#define UNIQUE(name) CAT(name, __COUNTER__)

static int UNIQUE(g) = 1;

async int f(void)
{
    int UNIQUE(x) = 2;
    await(ac_yield());
    return __COUNTER__ + x1;
}

static int UNIQUE(g) = 3;

static int after(void)
{
    return __COUNTER__;
}

async int main(void)
{
    printf("%d %d %d %d\n", await(f()), g0, g3, after());
    // CHECK: 4 1 3 4
    return 0;
}
// CHECK-NEXT: exit: 0
