// Refusals raised while the code is generated, each at the user's line and column: an await in
// an asm operand, and a frame local whose type has no name asyncc can write (an unnamed struct
// seen through typeof).
// RUN: not %asyncc -DASM %s -o %t.c 2>&1 | %FileCheck --check-prefix=ASM %s
// RUN: not %asyncc -DUNNAMED %s -o %t.c 2>&1 | %FileCheck --check-prefix=UNNAMED %s
#include <asyncc.h>

async int f(int x)
{
    await(ac_yield());
    return x;
}

#ifdef ASM
async int g(void)
{
    __asm__ volatile("" : : "r"(await(f(1))));
    // ASM: lowering_limits.c:[[@LINE-1]]:5: error: asyncc cannot transform an await in this kind of statement
    return 0;
}
#endif

#ifdef UNNAMED
struct {
    int a;
} shared = {1};

async int g(void)
{
    __typeof__(shared) copy = shared;
    // UNNAMED: lowering_limits.c:[[@LINE-1]]:24: error: the type of 'copy' has no name asyncc can write in the frame; give it a tag or a typedef
    await(ac_yield());
    return copy.a;
}
#endif
