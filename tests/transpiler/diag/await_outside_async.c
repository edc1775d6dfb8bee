// await in a plain function is rejected at the user's line, with no output file.
// RUN: rm -f %t.c
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s
// RUN: test ! -e %t.c
#include <asyncc.h>

async int f(void) { return 1; }

int plain(void)
{
    return await(f());
    // CHECK: {{.*}}await_outside_async.c:[[@LINE-1]]:12: error: 'await' outside an async function
}
