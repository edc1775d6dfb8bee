// Misuses of async functions and combinators, each reported at the user's line.
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s
#include <asyncc.h>
#include <stddef.h>

async int f(int x) { return x; }
enum level { LOW, HIGH }; /* no negative enumerator: unsigned */
async enum level level(void);

async int variadic(int n, ...)
// CHECK: {{.*}}misuse.c:[[@LINE-1]]:11: error: async function 'variadic' cannot be variadic
{
    return n;
}

async int g(void)
{
    int (*fp)(int) = f;
    // CHECK: {{.*}}misuse.c:[[@LINE-1]]:22: error: taking the address of async function 'f' is not supported
    size_t s = 0;
    int v = await(ac_block_on(f(2)));
    // CHECK: {{.*}}misuse.c:[[@LINE-1]]:19: error: ac_block_on inside an async function would block its worker
    int w = await(fp(3));
    // CHECK: {{.*}}misuse.c:[[@LINE-1]]:19: error: 'await' needs a direct call of an async function, not a function pointer
    int z = 0;
    int j = ac_select(f(5), f(6));
    // CHECK: {{.*}}misuse.c:[[@LINE-1]]:13: error: ac_select(...) is a future: await it
    await(ac_try_join(f(7), ac_yield()));
    // CHECK: {{.*}}misuse.c:[[@LINE-1]]:29: error: ac_try_join needs futures returning a signed integer
    await(ac_try_join(f(7), level()));
    // CHECK: {{.*}}misuse.c:[[@LINE-1]]:29: error: ac_try_join needs futures returning a signed integer
    await(ac_join(f(8), 3));
    // CHECK: {{.*}}misuse.c:[[@LINE-1]]:25: error: each future of ac_join must be a call of an async function
    return (int)s + v + w + z + j;
}
