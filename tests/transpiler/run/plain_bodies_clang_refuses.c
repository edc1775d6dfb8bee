// clang 14 refuses some C that gcc compiles: nested functions, a label before a declaration (C2x,
// and gcc's extension before it), `return;` in a function returning a value. In a plain function
// asyncc does not need to understand the body (it keeps it as written): the file transpiles, and
// gcc builds it. Before, clang's errors stopped asyncc on a file gcc compiles, even one with no
// async code at all. (The output is not checked with clang: it refuses these bodies.)
// RUN: %asyncc %s -o %t.c
// RUN: %cc -c %t.c -o %t.o
// RUN: %cc %t.o %libs -o %t
// RUN: %t | %FileCheck %s
// RUN: %cc -w -DAC_SEQUENTIAL %s %seqlibs -o %t.seq
// RUN: %t.seq | %FileCheck %s
// A file without async code, the same: its text comes out byte for byte.
// RUN: %asyncc %S/Inputs/gcc_only_plain.c -o %t.plain.c
// RUN: cmp %S/Inputs/gcc_only_plain.c %t.plain.c
#include <asyncc.h>
#include <stdio.h>

static int sum_with_nested(int base, int n)
{
    int add(int v) { return base + v; }
    int total = 0;
    for (int i = 0; i < n; i++)
        total += add(i);
    return total;
}

static int count_down(int n)
{
    int acc = 0;
again:
    int v = n * 2;
    acc += v;
    if (--n > 0)
        goto again;
    return acc;
}

async int step(int x)
{
    await(ac_yield());
    return x + 1;
}

async int run(int n)
{
    int a = sum_with_nested(await(step(n)), 3);
    int b = count_down(await(step(2)));
    return a * 1000 + b;
}

async int main(void)
{
    printf("%d\n", await(run(10)));
    // CHECK: 36012
    return 0;
}
