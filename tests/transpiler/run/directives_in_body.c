// #define and #undef lines inside an async function act on the rest of the file, as in C: the
// function's lines are replaced by generated (already expanded) code, and its directives are
// written out after it, conditionals included. They vanished before, and what followed the
// function saw the macros as they were before it.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

#define LIMIT 1
#define GONE 5

async int f(int x)
{
#undef LIMIT
#define LIMIT 3
    await(ac_yield());
#if LIMIT > 2
#define BIG 1
#else
#define BIG 0
#endif
#undef GONE
#define TWICE(v) \
    ((v) * 2)
    return x + LIMIT;
}

#ifdef GONE
#error GONE was undefined in f
#endif

static int limit_after(void)
{
    return LIMIT * 10 + BIG + TWICE(100);
}

async int main(void)
{
    printf("%d %d\n", await(f(1)), limit_after());
    // CHECK: 4 231
    return 0;
}
// CHECK-NEXT: exit: 0
