// await of a function that is not async.
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s
#include <asyncc.h>

int g(void) { return 1; }

async int f(void)
{
    return await(g());
    // CHECK: {{.*}}await_not_async.c:[[@LINE-1]]:18: error: 'await' of 'g', which is not an async function
}
