// An expression statement whose value C drops, made of an operator whose operands await: `?:`,
// `&&`, `||`, a comma. asyncc evaluates the operator as statements and keeps its value in a
// temporary; the statement left behind (`(tmp);`, `(tmp != 0);`) had no effect, and gcc said so
// (-Wunused-value), where the source has none: the statement is cast to void now. Found by tcc's
// tests2/89_nocode_wanted.c made async.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

static int calls;

static async int f(int x)
{
    await(ac_yield());
    calls++;
    return x;
}

static int g(int x)
{
    calls += 10;
    return x;
}

async int main(void)
{
    int a = 0, b = 1;
    (a ? g(1) : ({ int t = await(f(2)); t + 1; }));
    a || await(f(3));
    b && await(f(4));
    (b ? await(f(5)) : g(6));
    a ? g(7) : await(f(8));
    (void)0, g(9), await(f(10));
    printf("%d\n", calls);
    return 0;
}
// CHECK: 16
