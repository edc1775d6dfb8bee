/* tests/runtime/test_blocking_cancel.c (async C): ac_spawn_blocking jobs whose futures are
 * dropped by timeouts of 0-1 ms, or whose tasks are aborted, at every moment of the job (queued,
 * running, just finished): every job runs once, its completion wakes nobody it should not, and
 * afterwards no waker keeps a task alive; on the multi-thread and current-thread runtimes. */
#include <unistd.h>

#include "stress.h"
#include "test.h"

static _Atomic long progress, ran, submitted;

static unsigned rnd(unsigned *s)
{
    *s = *s * 1103515245u + 12345u;
    return (*s >> 16) & 0x7fff;
}

static long job(void *arg)
{
    unsigned us = (unsigned)(uintptr_t)arg;
    if (us)
        usleep(us);
    atomic_fetch_add(&ran, 1);
    return (long)us + 1;
}

static async void user(unsigned seed, int rounds)
{
    for (int i = 0; i < rounds; i++) {
        unsigned us = rnd(&seed) % 3 == 0 ? 0 : rnd(&seed) % 1500;
        long r = 0;
        atomic_fetch_add(&submitted, 1);
        int t = await(ac_timeout(rnd(&seed) % 2, r = ac_spawn_blocking(job, (void *)(uintptr_t)us)));
        if (t == 0)
            CHECK_EQ(r, (long)us + 1);
        atomic_fetch_add(&progress, 1);
    }
}

static async long aborted(unsigned us)
{
    atomic_fetch_add(&submitted, 1); /* in the poll that submits the job */
    return await(ac_spawn_blocking(job, (void *)(uintptr_t)us));
}

static async void abort_some(unsigned seed, int rounds)
{
    for (int i = 0; i < rounds; i++) {
        ac_task *t = ac_spawn(aborted(rnd(&seed) % 1000));
        if (rnd(&seed) % 2)
            await(ac_sleep_us(rnd(&seed) % 1000));
        ac_task_abort(t);
        atomic_fetch_add(&progress, 1);
    }
}

static async int all(void)
{
    enum { USERS = 8 };
    int rounds = STRESS_N(300, 4);
    ac_task *t[USERS];
    for (int i = 0; i < USERS; i++)
        t[i] = i % 2 ? ac_spawn(user(10u + (unsigned)i, rounds)) : ac_spawn(abort_some(20u + (unsigned)i, rounds));
    for (int i = 0; i < USERS; i++)
        CHECK_EQ(await(ac_task_join(t[i], NULL)), 0);
    while (atomic_load(&ran) < atomic_load(&submitted)) /* the abandoned jobs end */
        await(ac_sleep_ms(1));
    await(ac_sleep_ms(20));
    CHECK_EQ(atomic_load(&ran), atomic_load(&submitted));
    ac_runtime_stats stats;
    ac_runtime_stats_get(&stats);
    CHECK_EQ(stats.tasks_alive, 1); /* this one */
    return 0;
}

int main(void)
{
    stress_watchdog_progress(&progress, 20);
    CHECK_EQ(ac_block_on(all()), 0);
    ac_runtime_shutdown();
    atomic_store(&ran, 0);
    atomic_store(&submitted, 0);
    test_current_thread();
    CHECK_EQ(ac_block_on(all()), 0);
    ac_runtime_shutdown();
    stress_watchdog_done();
    printf("blocking_cancel: ok\n");
    return 0;
}
