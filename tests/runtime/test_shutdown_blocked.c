/* tests/runtime/test_shutdown_blocked.c (async C): ac_runtime_shutdown from one thread while
 * others wait in ac_block_on for tasks that never finish, on multi-thread and current-thread
 * runtimes: the shutdown drops those tasks (their cleanups run), and each ac_block_on returns a
 * zeroed value, not bytes of the dropped frame, after which the shutdown frees what they held. */
#include <pthread.h>
#include <unistd.h>

#include "stress.h"
#include "test.h"

static _Atomic int cleaned, waiting;
static _Atomic long progress;

struct guard {
    int armed;
};

static void guard_end(struct guard *g)
{
    if (g->armed)
        atomic_fetch_add(&cleaned, 1);
}

/* Never returns by itself; its result slot holds garbage until it would. */
static async long forever(void)
{
    __attribute__((cleanup(guard_end))) struct guard g = {1};
    long junk = 0x5a5a5a5a5a5a5a5a;
    atomic_fetch_add(&waiting, 1);
    await(ac_sleep_ms(1000000));
    return junk;
}

static void *caller(void *arg)
{
    long *out = arg;
    *out = ac_block_on(forever());
    return NULL;
}

static void round_of(int nthreads)
{
    pthread_t th[4];
    long out[4];
    atomic_store(&cleaned, 0);
    atomic_store(&waiting, 0);
    for (int i = 0; i < nthreads; i++) {
        out[i] = -1;
        CHECK_EQ(pthread_create(&th[i], NULL, caller, &out[i]), 0);
    }
    while (atomic_load(&waiting) < nthreads)
        usleep(1000);
    usleep(2000);
    ac_runtime_shutdown();
    for (int i = 0; i < nthreads; i++) {
        pthread_join(th[i], NULL);
        CHECK_EQ(out[i], 0); /* zeroed: the task was dropped */
    }
    CHECK_EQ(atomic_load(&cleaned), nthreads);
    atomic_fetch_add(&progress, 1);
}

int main(void)
{
    stress_watchdog_progress(&progress, 20);
    for (int r = 0; r < 20; r++)
        round_of(1 + r % 4);
    test_current_thread();
    for (int r = 0; r < 20; r++)
        round_of(1 + r % 4);
    stress_watchdog_done();
    printf("shutdown_blocked: ok\n");
    return 0;
}
