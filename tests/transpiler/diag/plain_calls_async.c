// A plain function (no await in it, so asyncc keeps it as written) that calls an async function or
// takes its address: the function no longer exists under that name, and gcc said only "implicit
// declaration of function" and then the linker "undefined reference". Refused at the user's line,
// for a function of this file and one its header declares. sizeof of a call calls nothing, and a
// local of the same name is no function.
// RUN: not %asyncc -I%S/../emit/Inputs %s -o %t.c 2>&1 | %FileCheck %s --implicit-check-not=error:
#include <asyncc.h>
#include "calls_header_async.h"

async int step(int x)
{
    await(ac_yield());
    return x + 1;
}

static int (*saved)(int);

int calls(int x)
{
    return step(x) * 2;
    // CHECK: plain_calls_async.c:[[@LINE-1]]:12: error: call of async function 'step' without await: its future would never run; write await(step(...))
}

int takes_address(void)
{
    saved = step;
    // CHECK: plain_calls_async.c:[[@LINE-1]]:13: error: taking the address of async function 'step' is not supported; call it with await
    return (step)(1) + remote_step(2);
    // CHECK: plain_calls_async.c:[[@LINE-1]]:12: error: call of async function 'step' without await
    // CHECK: plain_calls_async.c:[[@LINE-2]]:24: error: call of async function 'remote_step' without await
}

int fine(int (*f)(int))
{
    int step = 3;
    return (int)sizeof remote_step(1) + step + f(2);
}
