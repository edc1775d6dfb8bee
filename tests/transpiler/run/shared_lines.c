// Async functions and prototypes that share lines with each other or with other code: a macro
// defining several functions, several prototypes in one declaration, a declaration before a
// function and a function before a declaration on one line. These were refused ("put this
// function on lines of its own"): the items of a line are now replaced together, and the rest of
// the line comes from the preprocessed text between their code.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

#define TWO(a, b) async int a(int x) { await(ac_yield()); return x + 1; } async int b(int x) { return await(a(x)) * 2; }

async int p(void), q(int);

TWO(inc, twice)

int before = 5; async int f(void) { await(ac_yield()); return before; } static int after(void) { return 7; }

async int p(void) { return await(q(1)) + after(); } int tail = 11;

async int q(int v)
{
    await(ac_yield());
    return v + tail;
}

async int main(void)
{
    printf("%d %d %d %d\n", await(inc(1)), await(twice(2)), await(f()), await(p()));
    // CHECK: 2 6 5 19
    return 0;
}
// CHECK-NEXT: exit: 0
