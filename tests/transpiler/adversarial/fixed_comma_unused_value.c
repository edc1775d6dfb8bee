/* A comma whose left operand is an await (and whose right operand is not) becomes
 * `(frame->child.result, x)`: gcc -Wall rejects it under -Werror (left-hand operand of comma
 * expression has no effect), though the source compiles cleanly with the same flags. */
#include <asyncc.h>
#include <stdio.h>
async int id(int x) { await(ac_yield()); return x; }
async int main(void)
{
    int x = 3;
    int cm = (await(id(1)), x);
    for (int i = 0; i < 2; await(id(i)), i++)
        printf("%d\n", i);
    printf("%d\n", cm);
    return 0;
}
// Adversarial: regression test for a bug found by the adversarial review (fixed in 9756ae1)
// RUN: %run %s %t  | %FileCheck %s
// CHECK: 0
// CHECK-NEXT: 1
// CHECK-NEXT: 3
// CHECK-NEXT: exit: 0
