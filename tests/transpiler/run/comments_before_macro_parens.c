// A comment between a function-like macro's name and its `(`, or before a directive on its line,
// is a blank in C; clang -E -C, which asyncc preprocesses with, takes it for a token: the macro was
// not expanded (`await /* c */ (f())` was refused as a call without await, a macro named as a
// function called the function: silent wrong values) and the directive was a line of code.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>
static int (twice)(int x) { return x * 20; }
#define twice(x) ((x) * 2)
#define ADD(a, b) ((a) + (b))
async int f(int x) { await(ac_yield()); return x; }
/* a comment */ #define THRICE(x) ((x) * 3)
async int g(int n)
{
    int e = await /* c */ (f(6));
    int d = await // c
        (f(7));
    for (int i = 0; i < n; i++)
        e += twice /* c */ /* d */ (await(f(i)));
    e += ADD /* c */ (d, await /**/ (f(1)));
    e += n > 1 ? THRICE /* c */ (d) : 0;
    /* before */ #define K 4
    return e + d + K;
}
async int main(void)
{
    printf("%d %d\n", await(g(3)), twice /* c */ (5) + (twice)(1));
    // CHECK: 52 30
    return 0;
}
// CHECK-NEXT: exit: 0
