// Errors of clang inside a plain function's body are set aside (the body is kept as written and
// the compiler judges it: run/plain_bodies_clang_refuses.c) only when the body has nothing of
// asyncc's in it. A body that names an async function or awaits, and any error inside an async
// function, still stops asyncc with clang's errors at the user's lines.
// RUN: not %asyncc -DCASE=1 %s -o %t.c 2>&1 | %FileCheck --check-prefix=NAMES %s
// RUN: not %asyncc -DCASE=2 %s -o %t.c 2>&1 | %FileCheck --check-prefix=AWAITS %s
// RUN: not %asyncc -DCASE=3 %s -o %t.c 2>&1 | %FileCheck --check-prefix=ASYNC %s
// RUN: not %asyncc -DCASE=4 %s -o %t.c 2>&1 | %FileCheck --check-prefix=BOTH %s
#include <asyncc.h>

async int f(int x)
{
    return x + 1;
}

#if CASE == 1
int names_async(int x)
{
    int inner(int v) { return v; }
    // NAMES: {{.*}}plain_body_errors_kept.c:[[@LINE-1]]:22: error: function definition is not allowed here
    return inner(x) + (f(x), 0);
}
#elif CASE == 2
int awaits(int x)
{
    int inner(int v) { return v; }
    // AWAITS: {{.*}}plain_body_errors_kept.c:[[@LINE-1]]:22: error: function definition is not allowed here
    return inner(x) + await(f(x));
}
#elif CASE == 3
async int nested_in_async(int x)
{
    int inner(int v) { return v; }
    // ASYNC: {{.*}}plain_body_errors_kept.c:[[@LINE-1]]:22: error: function definition is not allowed here
    return inner(await(f(x)));
}
#else
int plain_nested(int x)
{
    int inner(int v) { return v; }
    // BOTH: {{.*}}plain_body_errors_kept.c:[[@LINE-1]]:22: error: function definition is not allowed here
    return inner(x);
}
async int bad(int x)
{
    return await(f(x)) + missing;
    // BOTH: {{.*}}plain_body_errors_kept.c:[[@LINE-1]]:26: error: use of undeclared identifier 'missing'
}
#endif
