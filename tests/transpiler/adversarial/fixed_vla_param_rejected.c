/* (Fixed in 9756ae1; was a false rejection.) A parameter declared as a VLA (`int v[n]`) is a pointer after C's adjustment, but asyncc
 * rejects it: "variable-length array 'v' cannot live across an await". A C programmer would
 * expect it to work like `int *v`. (Acceptable error, but a false rejection.) */
#include <asyncc.h>
#include <stdio.h>
async int last(int n, int v[n]) { await(ac_yield()); return v[n - 1]; }
async int main(void)
{
    int a[3] = {1, 2, 3};
    printf("%d\n", await(last(3, a)));
    return 0;
}
// Adversarial: regression test for a bug found by the adversarial review (fixed in 9756ae1)
// RUN: %run %s %t  | %FileCheck %s
// CHECK: 3
// CHECK-NEXT: exit: 0
