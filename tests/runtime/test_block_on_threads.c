/* tests/runtime/test_block_on_threads.c (async C): ac_block_on from plain C on several threads
 * at once, again and again (and from blocking jobs that the tasks await), on a multi-thread and
 * on a current-thread runtime: every call gets its own future's result, and each task is polled
 * by one thread at a time. */
#include <pthread.h>
#include <unistd.h>

#include "stress.h"
#include "test.h"

static _Atomic long progress;
/* On a current-thread runtime: tasks in the middle of a poll (at most one). */
static bool current_thread;
static _Atomic int polling;

/* A stretch of one poll: on a current-thread runtime no other task may be in one meanwhile. */
static void one_poll(void)
{
    if (!current_thread)
        return;
    CHECK_EQ(atomic_fetch_add(&polling, 1), 0);
    for (volatile int i = 0; i < 5000; i++)
        ;
    atomic_fetch_sub(&polling, 1);
}

static async long leaf(long v, int n)
{
    for (int i = 0; i < n; i++) {
        one_poll();
        if (i % 2)
            await(ac_yield());
        else
            await(ac_sleep_ms(0));
    }
    one_poll();
    return v;
}

/* A blocking job that waits in ac_block_on itself (a synchronous API on top of async code). */
static long nested_block_on(void *arg)
{
    long v = (long)(intptr_t)arg;
    return ac_block_on(leaf(v, 3));
}

static async long work(long base)
{
    if (base % 5 == 0)
        CHECK_EQ(await(ac_spawn_blocking(nested_block_on, (void *)(intptr_t)base)), base);
    ac_task *t[8];
    for (int i = 0; i < 8; i++)
        t[i] = ac_spawn(leaf(base + i, i));
    long sum = 0;
    for (int i = 0; i < 8; i++) {
        long v = 0;
        CHECK_EQ(await(ac_task_join(t[i], &v)), 0);
        sum += v;
    }
    await(ac_sleep_ms(base % 2));
    return sum;
}

static void *caller(void *arg)
{
    long id = (long)(intptr_t)arg;
    int rounds = STRESS_N(200, 4);
    for (int k = 0; k < rounds; k++) {
        long base = id * 100000 + k * 10;
        long sum = ac_block_on(work(base));
        CHECK_EQ(sum, 8 * base + 28);
        atomic_fetch_add(&progress, 1);
    }
    return NULL;
}

static void run_threads(int n)
{
    pthread_t th[4];
    for (int i = 0; i < n; i++)
        CHECK_EQ(pthread_create(&th[i], NULL, caller, (void *)(intptr_t)(i + 1)), 0);
    for (int i = 0; i < n; i++)
        pthread_join(th[i], NULL);
}

int main(void)
{
    stress_watchdog_progress(&progress, 20);
    run_threads(4);
    ac_runtime_shutdown();
    printf("block_on_threads: multi-thread runtime ok\n");
    test_current_thread();
    current_thread = true;
    run_threads(4);
    ac_runtime_shutdown();
    stress_watchdog_done();
    printf("block_on_threads: current-thread runtime ok\n");
    return 0;
}
