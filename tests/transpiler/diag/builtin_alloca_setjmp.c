// The builtins behind alloca and setjmp are refused like the library calls: their memory, or
// the stack a jump returns to, would not survive a suspension. They were accepted.
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s
#include <asyncc.h>

static void *env[5];

async int f(int n)
{
    char *p = __builtin_alloca_with_align(n, 64);
    // CHECK: {{.*}}builtin_alloca_setjmp.c:[[@LINE-1]]:15: error: '__builtin_alloca_with_align' cannot be used in an async function: its memory would not survive a suspension
    if (__builtin_setjmp(env))
    // CHECK: {{.*}}builtin_alloca_setjmp.c:[[@LINE-1]]:9: error: '__builtin_setjmp' cannot be used in an async function: a jump across a suspended frame cannot be resumed
        return 1;
    await(ac_yield());
    p[0] = 1;
    __builtin_longjmp(env, 1);
    // CHECK: {{.*}}builtin_alloca_setjmp.c:[[@LINE-1]]:5: error: '__builtin_longjmp' cannot be used in an async function: a jump
}
