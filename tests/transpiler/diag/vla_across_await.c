// A variable-length array that lives across an await has its storage allocated and freed by
// the generated code, as its cleanup (run/vla_across_await.c); one with a cleanup of its own
// is refused.
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s
#include <asyncc.h>

static void done(void *p) { (void)p; }

async int f(int n)
{
    int buf[n] __attribute__((cleanup(done)));
    // CHECK: {{.*}}vla_across_await.c:[[@LINE-1]]:9: error: variable-length array 'buf' has a cleanup of its own and lives across an await; keep the cleanup on a pointer to it
    buf[0] = 1;
    await(ac_yield());
    return buf[0];
}
