// The left operand of a comma that awaits runs as a statement of its own, and the comma keeps
// an operand in its place that compilers do not see through, as they do not see through the
// call the source has there: with `(void)0` there, gcc folded the comma and warned
// -Wsign-compare on `~(unsigned short) > (unsigned char)` (csmith seed 105272), which the
// source does not get; nor may `&x` after such a comma be "never null" (-Waddress). That operand
// is cast to void, as the source's `(void)await(f(1))` is: clang's -Wcomma warned of the output.
// RUN: %asyncc %s -o %t.c
// RUN: %clang -std=gnu11 -Wcomma -Werror -I%S/../../../include -fsyntax-only %t.c
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

async int f(int x)
{
    await(ac_yield());
    return x;
}

async int main(void)
{
    unsigned short p = 5;
    unsigned char l = 3;
    int seen = 0;
    int a = ~((void)await(f(1)), p) > l;
    int b = ((void)await(f(2)), &seen) == 0;
    printf("%d %d\n", a, b);
    // CHECK: 0 0
    return 0;
}
// CHECK-NEXT: exit: 0
