/* A local read in the same expression, textually before an await, is not kept in the frame:
 * its value is lost across the suspension. Expected: 22, got garbage. */
#include <asyncc.h>
#include <stdio.h>
async int id(int x) { await(ac_yield()); return x; }
static int g(int x) { return x * 3; }
async int main(void)
{
    int y = g(7);
    printf("%d\n", y + await(id(1)));
    return 0;
}
// Adversarial: regression test for a bug found by the adversarial review (fixed in 9756ae1)
// RUN: %run %s %t  | %FileCheck %s
// CHECK: 22
// CHECK-NEXT: exit: 0
