// Functions that return twice into their caller's frame, as setjmp does, are refused like it:
// getcontext (gcc knows it by name; gcc.dg's split-5 called it in an async main, and gcc then
// warned -Wclobbered on the state machine), and any function declared `returns_twice`, in the
// GNU or the C2x spelling. A later setcontext would resume a poll that has returned. They were
// accepted.
// RUN: not %asyncc -std=gnu2x %s -o %t.c 2>&1 | %FileCheck %s
#include <asyncc.h>
#include <ucontext.h>

static ucontext_t ctx;
int snapshot(void *where) __attribute__((__returns_twice__));
[[gnu::returns_twice]] int snapshot2(void *where);
int plain(void *where);

async int f(void)
{
    getcontext(&ctx);
    // CHECK: {{.*}}returns_twice.c:[[@LINE-1]]:5: error: 'getcontext' cannot be used in an async function: a jump across a suspended frame cannot be resumed
    await(ac_yield());
    if (snapshot(&ctx))
    // CHECK: {{.*}}returns_twice.c:[[@LINE-1]]:9: error: 'snapshot' cannot be used in an async function: a jump across a suspended frame cannot be resumed
        return 1;
    // CHECK-NOT: 'plain'
    return plain(&ctx) + snapshot2(&ctx);
    // CHECK: {{.*}}returns_twice.c:[[@LINE-1]]:26: error: 'snapshot2' cannot be used in an async function: a jump
}
