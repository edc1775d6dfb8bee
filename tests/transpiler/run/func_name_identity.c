// __func__ is an array of its own (C11 6.4.2.2: `static const char __func__[] = "f";`), not a
// string literal: made async, it was replaced by the literal "f", which the compiler merged with
// the program's own "f", so `"f" == __func__` was true (gcc.dg c99-func-3.c made async aborted).
// Now each function's generated code names one array per spelling (gcc's __FUNCTION__ is another
// array than its __func__), in the state machine and in a function that never suspends alike;
// sizeof still gives the array's size.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>
#include <string.h>

static const char *lit_g = "g", *lit_f = "f";

async int g(void) { return (int)sizeof(__func__) * 10 + (lit_g == __func__); }

async int f(void)
{
    const char *p = __func__;
    await(ac_yield());
    int same = p == __func__;
    return (lit_f == __func__) + (p == __FUNCTION__) * 10 + (int)strlen(__PRETTY_FUNCTION__) * 100 +
           (int)sizeof __func__ * 1000 + await(g()) * 10000 + same * 1000000;
}

async int main(void)
{
    // CHECK: 1202100 main
    printf("%d %s\n", await(f()), __func__);
    return 0;
}
// CHECK: exit: 0
