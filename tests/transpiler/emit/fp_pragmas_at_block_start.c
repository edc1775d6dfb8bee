// `#pragma STDC FP_CONTRACT` (and FENV_ACCESS, CX_LIMITED_RANGE, `clang fp`) can only stand at
// file scope or at the start of a compound statement: at the start of an async function's body,
// the output wrote the body's parameter copies (`double a = ac__fr->a;`) before it, and clang
// refused the output ("'#pragma fp_contract' can only appear at file scope or at the start of a
// compound statement"), which it compiles as the source. gcc ignores these pragmas (with a
// warning about the source as well).
// RUN: %asyncc %s -o %t.c
// RUN: %clang -std=gnu11 -Wall -Wextra -Werror -fsyntax-only -I%S/../../../include %t.c
// RUN: %cc -Wno-unknown-pragmas %t.c %libs -o %t
// RUN: %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

async double idd(double x) { await(ac_yield()); return x; }

async double fma_free(double a, double b, double c)
{
#pragma STDC FP_CONTRACT OFF
    double x = await(idd(a));
    {
#pragma STDC FENV_ACCESS ON
        double y = await(idd(b)) * c;
        x += y;
    }
    return x * b + c;
}

async int main(void)
{
    printf("%.3f\n", await(fma_free(1, 2, 3)));
    return 0;
}
// CHECK: 17.000
