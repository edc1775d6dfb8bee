/* A pointer to a compound literal (block lifetime in C) is kept across an await; the literal
 * stays on the poll function's stack, so after the suspension the pointer dangles.
 * Expected: "16 17 18", got garbage/zeros. */
#include <asyncc.h>
#include <stdio.h>
async int id(int x) { await(ac_yield()); return x; }
static int clobber(void) { volatile char big[256]; for (int i = 0; i < 256; i++) big[i] = (char)0x5a; return big[7]; }
async int main(void)
{
    int *cp = (int[]){16, 17, 18};
    await(id(1));
    (void)clobber();
    printf("%d %d %d\n", cp[0], cp[1], cp[2]);
    return 0;
}
// Adversarial: regression test for a bug found by the adversarial review (fixed in 9756ae1)
// RUN: %run %s %t  | %FileCheck %s
// CHECK: 16 17 18
// CHECK-NEXT: exit: 0
