// setjmp/longjmp and alloca cannot be used in an async function. The error names what the user
// wrote (glibc's setjmp is a macro of _setjmp, alloca one of __builtin_alloca: those were named).
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s
#include <asyncc.h>
#include <alloca.h>
#include <setjmp.h>

static jmp_buf env;

async int f(int n)
{
    char *p = alloca(n);
    // CHECK: {{.*}}setjmp_alloca.c:[[@LINE-1]]:15: error: 'alloca' cannot be used in an async function: its memory would not survive a suspension
    if (setjmp(env))
    // CHECK: {{.*}}setjmp_alloca.c:[[@LINE-1]]:9: error: 'setjmp' cannot be used in an async function: a jump across a suspended frame cannot be resumed
        return 1;
    await(ac_yield());
    p[0] = 1;
    longjmp(env, 1);
    // CHECK: {{.*}}setjmp_alloca.c:[[@LINE-1]]:5: error: 'longjmp' cannot be used in an async function
}
