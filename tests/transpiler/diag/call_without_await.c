// Calling an async function without await would create a future that never runs.
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s
#include <asyncc.h>

async int f(void) { return 1; }

async int g(void)
{
    f();
    // CHECK: {{.*}}call_without_await.c:[[@LINE-1]]:5: error: call of async function 'f' without await
    return 0;
}

async int h(void)
{
    int x = (f)();
    // CHECK: {{.*}}call_without_await.c:[[@LINE-1]]:13: error: call of async function 'f' without await
    int (*p)(void) = (f);
    // CHECK: {{.*}}call_without_await.c:[[@LINE-1]]:23: error: taking the address of async function 'f'
    return x + p();
}
