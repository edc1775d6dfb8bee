/* `char *n = s.name;` takes the address of s implicitly (array member decays to a pointer),
 * but s is not kept in the frame because it has no '&' and no use after the await; the pointer
 * dangles into the previous poll's stack. Expected "member-array", got garbage. */
#include <asyncc.h>
#include <stdio.h>
async int id(int x) { await(ac_yield()); return x; }
static int clobber(void) { volatile char big[512]; for (int i = 0; i < 512; i++) big[i] = (char)0x5a; return big[7]; }
struct named { int n; char name[16]; };
async int main(void)
{
    struct named s = {1, "member-array"};
    char *n = s.name;
    await(id(1));
    (void)clobber();
    printf("%s\n", n);
    return 0;
}
// Adversarial: regression test for a bug found by the adversarial review (fixed in 9756ae1)
// RUN: %run %s %t  | %FileCheck %s
// CHECK: member-array
// CHECK-NEXT: exit: 0
