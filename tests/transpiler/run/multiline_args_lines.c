// A macro invocation over several lines (a multi-line `await(`, or a macro of the user's) keeps
// its lines in the output: clang -E wrote each on one line, so the compilers' warnings on the
// output named the invocation's first line for every token after it (gcc's -Wconversion on
// `big` at line 24 of `int r = await(add(x,` instead of 25).
// RUN: %asyncc %s -o %t.c
// RUN: %cc -Wno-error -Wconversion -c %t.c -o %t.o 2>&1 | %FileCheck %s
// RUN: %clang -fsyntax-only -Wconversion -I%S/../../../include %t.c 2>&1 | %FileCheck %s --check-prefix=CLANG
// RUN: %run %s %t | %FileCheck %s --check-prefix=OUT
#include <asyncc.h>
#include <stdio.h>

#define SUM(a, b) ((a) + (b))

async int add(int a, int b)
{
    await(ac_yield());
    return a + b;
}

async int lines(int x)
{
    long big = 3;
    int r = await(add(x,
                      big));
    // CHECK: multiline_args_lines.c:[[@LINE-1]]:23: warning: conversion from 'long int' to 'int' may change value
    // CLANG: multiline_args_lines.c:[[@LINE-2]]:{{[0-9]+}}: warning: implicit conversion loses integer precision
    r += await(add(x +
                   big, 1));
    // CHECK: multiline_args_lines.c:[[@LINE-2]]:{{[0-9]+}}: warning: conversion from 'long int' to 'int' may change value
    r = SUM(r,
            big);
    // CHECK: multiline_args_lines.c:[[@LINE-2]]:{{[0-9]+}}: warning: conversion from 'long int' to 'int' may change value
    r += await(add(
        SUM(1, 2),
        x));
    return r;
}

async int main(void)
{
    printf("%d\n", await(lines(5)));
    // OUT: 28
    return 0;
}
