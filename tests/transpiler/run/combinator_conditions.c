// A condition holding a combinator is not a constant, though clang folds it in the source:
// ac_timeout and ac_select are `(__asyncc_timeout, ms, fut, 0)` and `(__asyncc_select, ..., 0)`
// to clang, so `await(ac_timeout(...)) == -ETIMEDOUT` "is" 0. The dead-arm rule (cda6621) took
// the arm such a condition guards for one that never runs, and the await inside resumed into
// __builtin_trap(): a timed-out join or a select won by a later future, then an await in the
// arm, crashed with SIGILL. The folded-condition rewrite would also have written the condition
// as `((void)(...), 0)`, and a `while` over timeouts ended at once (run/join_timeout).
// NO-SEQUENTIAL: in the sequential build a timeout never fires and a select takes its first future.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <errno.h>
#include <stdio.h>

static int calls;

async static int step(int v)
{
    await(ac_yield());
    calls++;
    return v;
}

async static int conditions(void)
{
    int sum = 0;
    if (await(ac_timeout(1, ac_sleep_ms(1000))) == -ETIMEDOUT)
        sum += await(step(1));
    if (await(ac_select(ac_sleep_ms(1000), step(2))))
        sum += await(step(3));
    else
        sum += 100;
    int timeouts = 0;
    while (await(ac_timeout(1, ac_sleep_ms(1000))) == -ETIMEDOUT && timeouts < 3)
        timeouts += await(step(1));
    sum += timeouts;
    sum += await(ac_select(ac_sleep_ms(1000), step(4))) ? await(step(5)) : 100;
    sum += await(ac_timeout(1, ac_sleep_ms(1000))) && await(step(6));
    return sum;
}

async int main(void)
{
    // CHECK: sum 13 calls 9
    int s = await(conditions());
    printf("sum %d calls %d\n", s, calls);
    return 0;
}
