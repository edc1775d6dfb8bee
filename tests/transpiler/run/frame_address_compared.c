// A comparison of a frame local's address that C folds in the source (`(void *)0 == &l`: a
// local's address is never null; `&a == &b`) is written as its constant, the comparison beside
// it in __builtin_choose_expr's other operand: with `&l` the frame's pointer plus an offset, the
// compilers no longer folded it, and the operators around it stopped being constant: csmith's
// `(((void *)0 == &l) | K1) != K2` warned gcc's -Wtautological-compare (clang's
// -Wtautological-bitwise-compare here) on the output only (csmith seed 277, small, in the
// combinator mode of tests/differential).
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

async static int val(int x)
{
    await(ac_yield());
    return x;
}

async static int f(int p)
{
    int l = 3, m = 4, i = 0;
    int arr[2] = {5, 6};
    int *q = &l;
    int r = await(val(p));
    r += (((&l == &m) | 0x6608B690L) != 0x03DAL) <= p;
    r += (((arr != &arr[i++]) | 0x20) == 0x21) * 100; /* not folded: i++ */
    r += await(val(i)) * 1000;
    return r + *q + m + arr[1];
}

async int main(void)
{
    // CHECK: 1015
    printf("%d\n", await(f(1)));
    return 0;
}
