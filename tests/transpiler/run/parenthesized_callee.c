// A call whose callee is in parentheses, `(f)(x)`, is a direct call in C: a macro of the
// function's own name writes it so (zlib's `#define gzgetc(g) (... : (gzgetc)(g))`), and so does
// code that keeps a function-like macro from expanding. libclang names no callee for such a call,
// and asyncc refused `await((f)(x))` as "a function pointer" and "the address of an async
// function" (zlib 1.2.13's example.c made async). Suspending and never-suspending callees, one
// and two pairs of parentheses, and the macro; a plain callee in parentheses beside them.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

static async int next(int x)
{
    await(ac_yield());
    return x + 1;
}

static async int twice(int x)
{
    return x * 2;
}

static int plain(int x)
{
    return x - 1;
}

#define next(x) ((x) > 100 ? 0 : await((next)(x)))

async int main(void)
{
    int a = await((next)(1));
    int b = await(((next))(2));
    int c = await((twice)(3)) + (plain)(10);
    int d = next(4) + next(500);
    // CHECK: 2 3 15 5
    printf("%d %d %d %d\n", a, b, c, d);
    return 0;
}
