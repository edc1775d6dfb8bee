/* Parameters declared with array syntax (which C adjusts to pointers) give a frame field of
 * array type: the generated C does not compile (assignment to expression with array type,
 * flexible array member not at end of struct, ...), and asyncc reports nothing. */
#include <asyncc.h>
#include <stdio.h>
async int first(int arr[]) { await(ac_yield()); return arr[0]; }
async int sum2(int arr[2]) { await(ac_yield()); return arr[0] + arr[1]; }
async int main(void)
{
    int a[2] = {3, 4};
    printf("%d %d\n", await(first(a)), await(sum2(a)));
    return 0;
}
// Adversarial: regression test for a bug found by the adversarial review (fixed in 9756ae1)
// RUN: %run %s %t  | %FileCheck %s
// CHECK: 3 7
// CHECK-NEXT: exit: 0
