// A select's or a timeout's later children are polled with budget when an earlier child spent
// it all: `await(ac_timeout(10, spin()))`, spin a loop of ready leaves that always ends its turn
// on an empty budget, never timed out (the timer, polled after spin, found no budget and waited
// for a turn that never came), nor did `ac_select(spin(), ac_sleep_ms(10))` end. Tokio's
// timeout gives its timer budget of its own the same way. A budget spent before the combinator
// is polled still makes the task yield (the runtime's test_budget).
// NO-SEQUENTIAL: spin never ends there.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <errno.h>
#include <stdio.h>

async int spin(void)
{
    for (;;)
        await(ac_sleep_ms(0));
    return 0;
}

async int ticks(int n)
{
    for (int i = 0; i < n; i++)
        await(ac_yield());
    return n;
}

async int main(void)
{
    unsigned long long t0 = ac_now_ms();
    int rc = await(ac_timeout(10, spin()));
    // CHECK: timeout -1 1
    printf("timeout %d %d\n", rc == -ETIMEDOUT ? -1 : rc, ac_now_ms() - t0 < 60000);
    // CHECK-NEXT: select 1
    printf("select %d\n", await(ac_select(spin(), ac_sleep_ms(10))));
    // CHECK-NEXT: select 2 5
    int v = 0;
    printf("select %d %d\n", await(ac_select(spin(), spin(), v = ticks(5))), v);
    // CHECK-NEXT: loop 3
    int n = 0;
    for (int i = 0; i < 3; i++)
        n += await(ac_timeout(0, spin())) == -ETIMEDOUT;
    printf("loop %d\n", n);
    return 0;
}
