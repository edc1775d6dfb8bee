// A declaration without async in a block (`int f(int);` in a body) of a function defined async,
// in a plain function or an async one, before or after its definition: a call through it called
// a function that no longer exists, and the build failed only at link time. A plain function
// defined before any async declaration of what it calls is checked too (it was never looked at);
// its errors come after those of the functions before that declaration.
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s --implicit-check-not=error:
#include <asyncc.h>

static int before(void)
{
    int f(int);
    // CHECK-DAG: async_declared_in_block.c:[[@LINE-1]]:9: error: 'f' is declared here without async but defined async
    return f(1);
    // CHECK-DAG: async_declared_in_block.c:[[@LINE-1]]:12: error: call of async function 'f' without await
}

static int implicit_before(void)
{
    return g(2);
    // CHECK-DAG: async_declared_in_block.c:[[@LINE-1]]:12: error: call of async function 'g' without await
}

static int unused_declaration(void)
{
    extern int f(int);
    // CHECK-DAG: async_declared_in_block.c:[[@LINE-1]]:16: error: 'f' is declared here without async but defined async
    return 0;
}

async int in_async_body(void)
{
    int f(int);
    // CHECK-DAG: async_declared_in_block.c:[[@LINE-1]]:9: error: 'f' is declared here without async but defined async
    await(ac_yield());
    return 0;
}

async int f(int x)
{
    await(ac_yield());
    return x;
}

async int g(int x)
{
    return await(f(x));
}

static int after(void)
{
    int uses(void), g(int); /* after the definition: async, as C inherits the attribute */
    return before() + implicit_before() + unused_declaration();
}

int main(void)
{
    return after();
}
