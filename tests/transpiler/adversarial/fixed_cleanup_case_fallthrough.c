/* A case block with a cleanup local ends in `break;`: asyncc appends the block-end cleanup call
 * after the break, so gcc -Wextra reports implicit fallthrough into the next case (an error under
 * -Werror); the source itself compiles cleanly with -Wall -Wextra -Werror. */
#include <asyncc.h>
#include <stdio.h>
static void done(int *p) { printf("cleanup %d\n", *p); }
async int main(void)
{
    for (int i = 0; i < 2; i++) {
        switch (i) {
        case 0: {
            int sw __attribute__((cleanup(done))) = 500;
            await(ac_yield());
            break;
        }
        case 1:
            printf("one\n");
        }
    }
    return 0;
}
// Adversarial: regression test for a bug found by the adversarial review (fixed in 9756ae1)
// RUN: %run %s %t  | %FileCheck %s
// CHECK: cleanup 500
// CHECK-NEXT: one
// CHECK-NEXT: exit: 0
