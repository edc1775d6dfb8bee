// FLT_ROUNDS in an async function: asyncc writes the function's body as clang's <float.h>
// expands it, `(__builtin_flt_rounds())`, a builtin gcc has only from 13 (gcc 12's <float.h>
// defines FLT_ROUNDS as 1): the output did not compile with gcc 12 (jq's jv_dtoa.c twinned).
// asyncc/compat.h gives gcc without the builtin its own <float.h>'s value.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <float.h>
#include <stdio.h>

async int id(int v)
{
    await(ac_yield());
    return v;
}

static int plain_rounds(void)
{
    return FLT_ROUNDS;
}

async int main(void)
{
    int r = FLT_ROUNDS;
    int s = await(id(FLT_ROUNDS)) + (FLT_ROUNDS == 1 ? 10 : 20);
    // CHECK: rounds 1 11 same 1
    printf("rounds %d %d same %d\n", r, s, r == plain_rounds());
    return 0;
}
// CHECK: exit: 0
