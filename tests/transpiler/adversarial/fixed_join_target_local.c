/* The assignment targets of ac_join (arr[i] = f(), *p = f()) are evaluated when each future
 * finishes, after suspensions, but the locals they use (i, p) are not kept in the frame (their
 * only references are inside the await). Expected "10 11 0 13"; the plain build crashes or
 * writes through garbage. */
#include <asyncc.h>
#include <stdio.h>
async int id(int x) { await(ac_yield()); return x; }
async int main(void)
{
    int arr[4] = {0};
    int i = 1;
    int *p = &arr[3];
    await(ac_join(arr[0] = id(10), arr[i] = id(11), *p = id(13)));
    printf("%d %d %d %d\n", arr[0], arr[1], arr[2], arr[3]);
    return 0;
}
// Adversarial: regression test for a bug found by the adversarial review (fixed in 9756ae1)
// RUN: %run %s %t  | %FileCheck %s
// CHECK: 10 11 0 13
// CHECK-NEXT: exit: 0
