// More misuses of await and the combinators, each an error at the offending line and column,
// so that every refusal of the guide's table has a negative test (check_limits.py).
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s
#include <asyncc.h>

async int f(int x) { return x; }

async int g(int n)
{
    int r = 0, s = 0;
    await((__asyncc_join, (void)0)); /* what ac_join() would be, if C let it */
    // CHECK: {{.*}}misuse_more.c:[[@LINE-1]]:11: error: ac_join needs at least one future
    await((__asyncc_timeout, 5, f(6), f(7), 0)); /* ac_timeout(5, f(6), f(7)), if the macro let it */
    // CHECK: {{.*}}misuse_more.c:[[@LINE-1]]:11: error: ac_timeout takes a duration in milliseconds and one future
    await(ac_join(s = f(1), *(await(f(2)) ? &r : &s) = f(3)));
    // CHECK: {{.*}}misuse_more.c:[[@LINE-1]]:29: error: the target of a ac_join result cannot await
    await(ac_spawn(f(4)));
    // CHECK: {{.*}}misuse_more.c:[[@LINE-1]]:5: error: ac_spawn returns a join handle, not a future: await(ac_task_join(handle, &result))
    r += await(n + 1);
    // CHECK: {{.*}}misuse_more.c:[[@LINE-1]]:10: error: 'await' needs a call of an async function, like await(f(x))
    r += sizeof(await(ac_join(f(5))));
    // CHECK: {{.*}}misuse_more.c:[[@LINE-1]]:17: error: combinators inside sizeof, typeof or a _Generic's controlling expression are never run; await them in a statement
    ac_task *t = ac_spawn(n + 2);
    // CHECK: {{.*}}misuse_more.c:[[@LINE-1]]:18: error: ac_spawn needs a call of an async function
    (void)t;
    return r + s;
}
