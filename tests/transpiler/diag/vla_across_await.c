// A VLA cannot live in a frame.
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s
#include <asyncc.h>

async int f(int n)
{
    int buf[n];
    // CHECK: {{.*}}vla_across_await.c:[[@LINE-1]]:9: error: variable-length array 'buf' cannot live across an await
    buf[0] = 1;
    await(ac_yield());
    return buf[0];
}
