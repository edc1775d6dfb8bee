/* What -Wpedantic and -Wc++-compat say of an async function's body, they say of the output too,
 * at every optimization level. Optimizing, gcc's output wraps the body in a nested function named
 * after the async one (future.h: AC__NAMED_BODY, for gdb), and `__extension__` before it, meant
 * for the nested function alone, silenced the whole body: -pedantic-errors accepted non-ISO code
 * in async functions, and the warnings the plain build gives were gone (found by mujs made async:
 * its read_stdin's `char *ss = realloc(s, t);`). Only the nested function's head is exempt now.
 * RUN: %asyncc %s -o %t.c
 * RUN: not %cc -std=c99 -O2 -pedantic-errors -Wno-error=c++-compat -Wc++-compat -c %t.c -o /dev/null 2>&1 | %FileCheck %s
 * RUN: not %cc -std=c99 -O0 -pedantic-errors -Wno-error=c++-compat -Wc++-compat -c %t.c -o /dev/null 2>&1 | %FileCheck %s
 * RUN: %cc -std=gnu99 -O2 -c %t.c -o /dev/null
 */
#include <asyncc.h>
#include <stdlib.h>

static async int step(void)
{
    await(ac_yield());
    return 1;
}

async int body(int n);
async int body(int n)
{
    char *buf = malloc(16);
    // CHECK: pedantic_in_body.c:[[@LINE-1]]:{{[0-9]+}}: warning: request for implicit conversion from {{.*}} not permitted in C++
    void *p = buf;
    int k;
    p = p + 1;
    // CHECK: pedantic_in_body.c:[[@LINE-1]]:{{[0-9]+}}: error: pointer of type {{.*}} used in arithmetic
    k = ({ int t = n; t * 2; });
    // CHECK: pedantic_in_body.c:[[@LINE-1]]:{{[0-9]+}}: error: ISO C forbids braced-groups within expressions
    await(step());
    free(buf);
    return k + (p != 0);
}
