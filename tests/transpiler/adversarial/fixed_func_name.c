/* __func__ (and __FUNCTION__/__PRETTY_FUNCTION__) inside an async function names the generated
 * poll function: expected "worker worker", got "ac__poll_worker ac__poll_worker". */
#include <asyncc.h>
#include <stdio.h>
async int worker(void)
{
    await(ac_yield());
    printf("%s %s\n", __func__, __FUNCTION__);
    return 0;
}
async int main(void)
{
    return await(worker());
}
// Adversarial: regression test for a bug found by the adversarial review (fixed in 9756ae1)
// RUN: %run %s %t  | %FileCheck %s
// CHECK: worker worker
// CHECK-NEXT: exit: 0
