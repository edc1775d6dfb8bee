// A join dropped before the task finished (by a timeout, or as the loser of a select) leaves the
// handle joinable, as Tokio's `timeout(d, &mut handle)` does: the task runs on and a second join
// gets its result; a handle may also be aborted after a timed-out join. NO-SEQUENTIAL
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

async long slow(long x, unsigned long ms)
{
    await(ac_sleep_ms(ms));
    return x * 2;
}

async void forever(void)
{
    await(ac_sleep_ms(1000000));
}

async int main(void)
{
    ac_task *t = ac_spawn(slow(21, 50));
    long v = 0;
    int r = await(ac_timeout(10, ac_task_join(t, &v)));
    printf("timed out %d, v %ld\n", r == -ETIMEDOUT, v);
    r = await(ac_task_join(t, &v));
    printf("joined again %d, v %ld\n", r, v);
    // CHECK: timed out 1, v 0
    // CHECK-NEXT: joined again 0, v 42

    ac_task *u = ac_spawn(slow(5, 30));
    int w = await(ac_select(ac_sleep_ms(1), ac_task_join(u, &v)));
    printf("select won by %d\n", w);
    r = await(ac_task_join(u, &v));
    printf("joined after the select %d, v %ld\n", r, v);
    // CHECK-NEXT: select won by 0
    // CHECK-NEXT: joined after the select 0, v 10

    // Several timed-out joins in a row, then a join that finishes.
    ac_task *x = ac_spawn(slow(50, 40));
    int timeouts = 0;
    while (await(ac_timeout(5, ac_task_join(x, &v))) == -ETIMEDOUT)
        timeouts++;
    printf("after %s timeouts, v %ld\n", timeouts >= 2 ? "several" : "too few", v);
    // CHECK-NEXT: after several timeouts, v 100

    // A timed-out join, then the handle is aborted: the task is dropped and freed.
    ac_task *y = ac_spawn(forever());
    r = await(ac_timeout(5, ac_task_join(y, NULL)));
    ac_task_abort(y);
    await(ac_sleep_ms(20));
    ac_runtime_stats stats;
    ac_runtime_stats_get(&stats);
    printf("timed out %d, alive %llu\n", r == -ETIMEDOUT, (unsigned long long)stats.tasks_alive);
    // CHECK-NEXT: timed out 1, alive 1
    return 0;
}
