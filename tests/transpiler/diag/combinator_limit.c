// A combinator polls at most 32 futures (one bit each in a mask): more is refused by the
// checking pass, before any code is generated.
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s
#include <asyncc.h>

async int f(void)
{
    await(ac_join(ac_yield(), ac_yield(), ac_yield(), ac_yield(), ac_yield(), ac_yield(), ac_yield(), ac_yield(),
                  ac_yield(), ac_yield(), ac_yield(), ac_yield(), ac_yield(), ac_yield(), ac_yield(), ac_yield(),
                  ac_yield(), ac_yield(), ac_yield(), ac_yield(), ac_yield(), ac_yield(), ac_yield(), ac_yield(),
                  ac_yield(), ac_yield(), ac_yield(), ac_yield(), ac_yield(), ac_yield(), ac_yield(), ac_yield(),
                  ac_yield()));
    // CHECK: combinator_limit.c:[[@LINE-5]]:11: error: ac_join takes at most 32 futures
    return 0;
}
