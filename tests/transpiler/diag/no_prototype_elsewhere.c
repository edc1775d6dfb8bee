// An async function declared without a prototype and defined in another file: its frame's
// parameters are unknown here, so a call with arguments is refused (a call without is fine).
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s
#include <asyncc.h>

async int elsewhere();

async int f(void)
{
    await(elsewhere());
    return await(elsewhere(1, 2));
    // CHECK: no_prototype_elsewhere.c:[[@LINE-1]]:18: error: async function 'elsewhere' is declared without a prototype and defined in another file: declare its parameters, as in 'async int elsewhere(int x);'
    // CHECK-NOT: error
}
