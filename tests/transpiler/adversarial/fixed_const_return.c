/* An async function whose return type is const-qualified gets a `const int ac__result` frame
 * field, and the generated return assigns to it: "assignment of read-only member 'ac__result'"
 * (a hard error with any flags), with no asyncc diagnostic. The source is valid C (gcc only
 * warns under -Wextra that the qualifier is ignored). */
#include <asyncc.h>
#include <stdio.h>
async const int five(void) { await(ac_yield()); return 5; }
async int main(void)
{
    printf("%d\n", await(five()));
    return 0;
}
// Adversarial: regression test for a bug found by the adversarial review (fixed in 9756ae1)
// RUN: %run %s %t  | %FileCheck %s
// CHECK: 5
// CHECK-NEXT: exit: 0
