// A variable-length array alive at an await is freed when the future holding it is dropped: the
// loser of a select, a timed-out future, an aborted task (the sanitizer builds of this test
// find a leak). NO-SEQUENTIAL: in the sequential build nothing is ever cancelled.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

async static int id(int v) { await(ac_yield()); return v; }

async static int never_done(int n)
{
    char big[n];
    big[0] = 1;
    await(ac_sleep_ms(100000));
    return big[0];
}

async int main(void)
{
    int won = await(ac_select(never_done(1000), id(1)));
    int timed = await(ac_timeout(1, never_done(2000)));
    ac_task *t = ac_spawn(never_done(3000));
    await(ac_yield());
    ac_task_abort(t);
    // CHECK: cancelled 1 -110
    printf("cancelled %d %d\n", won, timed);
    return 0;
}
// CHECK-NEXT: exit: 0
