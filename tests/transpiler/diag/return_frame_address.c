// __builtin_return_address and __builtin_frame_address are refused in an async function: its body
// runs from the runtime's poll, from another place at each resumption, so neither names the
// caller's return or a frame of its own. They were accepted, and gcc's torture test pr17377
// (the same call site must give the same return address) aborted made async, at -O2.
// A plain function called from async code may use them.
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s --implicit-check-not=error:
#include <asyncc.h>

static void *caller(void)
{
    return __builtin_return_address(0);
}

async void *f(int i)
{
    await(ac_yield());
    if (i)
        return __builtin_return_address(0);
    // CHECK: {{.*}}return_frame_address.c:[[@LINE-1]]:16: error: '__builtin_return_address' cannot be used in an async function: the body runs from the runtime's poll
    char *fp = __builtin_frame_address(0);
    // CHECK: {{.*}}return_frame_address.c:[[@LINE-1]]:16: error: '__builtin_frame_address' cannot be used in an async function
    return fp + (caller() != 0);
}
