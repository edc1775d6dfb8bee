// A spawn whose handle is thrown away (a statement of its own, or cast to void) detaches the task:
// it frees itself when it finishes, as a dropped JoinHandle does in Tokio. NO-SEQUENTIAL (it prints runtime counters)
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

static int finished;

async void work(int i)
{
    await(ac_sleep_ms((unsigned long)(i % 3)));
    __atomic_add_fetch(&finished, 1, __ATOMIC_SEQ_CST);
}

async int main(void)
{
    for (int i = 0; i < 1000; i++) {
        if (i % 2)
            ac_spawn(work(i));
        else
            (void)ac_spawn(work(i));
    }
    /* kept handles are not detached: they are joined */
    ac_task *kept = ac_spawn(work(1000));
    ac_task *again;
    again = ac_spawn(work(1001));
    await(ac_task_join(kept, NULL));
    await(ac_task_join(again, NULL));
    while (__atomic_load_n(&finished, __ATOMIC_SEQ_CST) < 1002)
        await(ac_sleep_ms(1));
    await(ac_sleep_ms(5));
    ac_runtime_stats stats;
    ac_runtime_stats_get(&stats);
    printf("finished %d spawned %llu alive %llu\n", finished, (unsigned long long)stats.tasks_spawned,
           (unsigned long long)stats.tasks_alive);
    return 0;
}
// CHECK: finished 1002 spawned {{100[23]}} alive 1
