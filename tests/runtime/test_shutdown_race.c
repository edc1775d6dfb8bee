/* tests/runtime/test_shutdown_race.c (async C): ac_runtime_shutdown while plain threads spawn,
 * ac_block_on and wake tasks, round after round. Each overlapping call gets a defined answer:
 * it runs on the runtime (dropped by the shutdown if it has not finished), is refused (a NULL
 * handle, a zeroed ac_block_on), or runs on the next runtime; none waits for ever, none queues
 * a task on a runtime whose workers are gone or touches it after it is freed (ASan, TSan), and
 * every task that started ends (finishing or dropped) once. A spawn from the cleanup of a task
 * that the shutdown drops is refused. */
#include <pthread.h>
#include <unistd.h>

#include "stress.h"
#include "test.h"

static _Atomic long started, ended, refused, zeroed, progress;
static atomic_bool stop;
static ac_notify *_Atomic bell; /* the round's notify, which the racers ring */

struct guard {
    int armed;
};

static void guard_end(struct guard *g)
{
    if (g->armed)
        atomic_fetch_add(&ended, 1);
}

static async long counted(unsigned ms)
{
    __attribute__((cleanup(guard_end))) struct guard g = {1};
    atomic_fetch_add(&started, 1);
    await(ac_sleep_ms(ms));
    return 7;
}

static async long ringing(ac_notify *n)
{
    __attribute__((cleanup(guard_end))) struct guard g = {1};
    atomic_fetch_add(&started, 1);
    await(ac_notify_wait(n));
    return 7;
}

/* Spawns from inside the shutdown (the cleanup of a task it drops, on its thread): refused,
 * where the task was queued on the dying runtime, never to run. */
static void spawn_when_dropped(struct guard *g)
{
    if (!g->armed)
        return;
    ac_task *t = ac_spawn(counted(0));
    CHECK(t == NULL);
    atomic_fetch_add(&ended, 1);
}

static async void sleeper(void)
{
    __attribute__((cleanup(spawn_when_dropped))) struct guard g = {1};
    atomic_fetch_add(&started, 1);
    await(ac_sleep_ms(1000000)); /* until the shutdown drops it */
}

static unsigned rnd(unsigned *s)
{
    *s = *s * 1103515245u + 12345u;
    return (*s >> 16) & 0x7fff;
}

static void *racer(void *arg)
{
    unsigned seed = (unsigned)(uintptr_t)arg;
    while (!atomic_load(&stop)) {
        switch (rnd(&seed) % 3) {
        case 0: {
            /* The handle is kept: the shutdown frees the task. */
            ac_task *t = ac_spawn(counted(rnd(&seed) % 3));
            if (!t)
                atomic_fetch_add(&refused, 1);
            break;
        }
        case 1: {
            long v = ac_block_on(counted(rnd(&seed) % 2));
            CHECK(v == 7 || v == 0);
            if (!v)
                atomic_fetch_add(&zeroed, 1);
            break;
        }
        default: {
            ac_notify *n = atomic_load(&bell);
            if (n)
                ac_notify_all(n); /* wakes from outside, as the shutdown drops the tasks */
            break;
        }
        }
    }
    return NULL;
}

/* The round's listeners, started on the runtime before the racers. */
static async void listeners(ac_notify *n)
{
    for (int i = 0; i < 8; i++)
        (void)ac_spawn(ringing(n));
    (void)ac_spawn(sleeper());
    await(ac_yield());
}

int main(void)
{
    stress_watchdog_progress(&progress, 30);
    enum { RACERS = 3 };
    int rounds = STRESS_N(150, 10);
    unsigned seed = 1;
    for (int k = 0; k < rounds; k++) {
        ac_notify *n = ac_notify_new();
        ac_block_on(listeners(n));
        atomic_store(&bell, n);
        atomic_store(&stop, false);
        pthread_t th[RACERS];
        for (int i = 0; i < RACERS; i++)
            CHECK_EQ(pthread_create(&th[i], NULL, racer, (void *)(uintptr_t)(k * RACERS + i + 1)), 0);
        usleep(rnd(&seed) % 3000);
        ac_runtime_shutdown();
        atomic_store(&stop, true);
        for (int i = 0; i < RACERS; i++)
            pthread_join(th[i], NULL);
        atomic_store(&bell, NULL);
        ac_runtime_shutdown(); /* the runtime the racers started after the first */
        ac_notify_free(n);
        CHECK_EQ(atomic_load(&started), atomic_load(&ended));
        atomic_fetch_add(&progress, 1);
    }
    stress_watchdog_done();
    printf("shutdown_race: ok, %d rounds, %ld tasks, %ld spawns refused, %ld block_on zeroed\n", rounds,
           (long)atomic_load(&started), (long)atomic_load(&refused), (long)atomic_load(&zeroed));
    return 0;
}
