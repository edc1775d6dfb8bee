/* tests/runtime/test_abort_handle.c (async C): abort handles. ac_abort from plain threads at
 * random moments while the owner joins the task (the join may consume the join handle at the
 * same instant: the abort handle keeps the task's memory), after the task finished or was
 * joined, after the join handle was detached, and after a shutdown dropped the task: each abort
 * cancels the task or does nothing, and nothing is touched after it is freed (ASan, TSan). */
#include <pthread.h>
#include <unistd.h>

#include "stress.h"
#include "test.h"

static _Atomic long progress, cancelled, finished, cleaned;

static unsigned rnd(unsigned *s)
{
    *s = *s * 1103515245u + 12345u;
    return (*s >> 16) & 0x7fff;
}

struct guard {
    int armed;
};

static void guard_end(struct guard *g)
{
    if (g->armed)
        atomic_fetch_add(&cleaned, 1);
}

static async long work(long v, unsigned seed)
{
    __attribute__((cleanup(guard_end))) struct guard g = {1};
    switch (rnd(&seed) % 3) {
    case 0:
        break;
    case 1:
        await(ac_yield());
        break;
    default:
        await(ac_sleep_ms(rnd(&seed) % 3));
        break;
    }
    return v;
}

static _Atomic int forever_running;

static async void forever(void)
{
    __attribute__((cleanup(guard_end))) struct guard g = {1};
    atomic_fetch_add(&forever_running, 1);
    await(ac_sleep_ms(100000000));
}

/* Until forever has started (a task dropped before its first poll has no cleanup to run). */
static async void until_running(int n)
{
    while (atomic_load(&forever_running) < n)
        await(ac_sleep_ms(1));
}

enum { PAR = 32 };

/* Aborts the batch's handles from a plain thread, in a random order at random moments. */
struct batch {
    ac_abort_handle *h[PAR];
    unsigned seed;
    atomic_bool done;
};

static void *aborter(void *arg)
{
    struct batch *b = arg;
    for (int i = 0; i < PAR; i++) {
        usleep(rnd(&b->seed) % 300);
        ac_abort(b->h[rnd(&b->seed) % PAR]);
    }
    atomic_store(&b->done, true);
    return NULL;
}

/* One batch: PAR tasks joined while a thread aborts some of them. */
static async void race_batch(unsigned seed)
{
    ac_task *t[PAR];
    struct batch b = {.seed = seed};
    for (int i = 0; i < PAR; i++) {
        t[i] = ac_spawn(work(i, seed + (unsigned)i));
        b.h[i] = ac_task_abort_handle(t[i]);
        CHECK(b.h[i] != NULL);
    }
    pthread_t th;
    CHECK_EQ(pthread_create(&th, NULL, aborter, &b), 0);
    for (int i = 0; i < PAR; i++) {
        long v = -1;
        int r = await(ac_task_join(t[i], &v));
        if (r == 0) {
            CHECK_EQ(v, i);
            atomic_fetch_add(&finished, 1);
        } else {
            CHECK_EQ(r, -ECANCELED);
            atomic_fetch_add(&cancelled, 1);
        }
        CHECK(ac_abort_handle_is_finished(b.h[i]));
    }
    while (!atomic_load(&b.done))
        await(ac_sleep_ms(1));
    pthread_join(th, NULL);
    for (int i = 0; i < PAR; i++)
        ac_abort_handle_release(b.h[i]);
    atomic_fetch_add(&progress, 1);
}

/* Aborts after the end, and of a detached task. */
static async void after_the_end(void)
{
    ac_task *t = ac_spawn(work(5, 1));
    ac_abort_handle *h = ac_task_abort_handle(t);
    long v = 0;
    CHECK_EQ(await(ac_task_join(t, &v)), 0); /* consumes t */
    CHECK_EQ(v, 5);
    CHECK(ac_abort_handle_is_finished(h));
    ac_abort(h);
    ac_abort(h);
    ac_abort_handle_release(h);

    long before = atomic_load(&cleaned);
    t = ac_spawn(forever());
    h = ac_task_abort_handle(t);
    ac_task_detach(t);
    await(until_running(1));
    CHECK(!ac_abort_handle_is_finished(h));
    ac_abort(h);
    while (!ac_abort_handle_is_finished(h))
        await(ac_sleep_ms(1));
    CHECK_EQ(atomic_load(&cleaned), before + 1); /* dropped at its await: the cleanup ran */
    ac_abort_handle_release(h);
    ac_abort(NULL);
    ac_abort_handle_release(NULL);
    CHECK(ac_task_abort_handle(NULL) == NULL);
}

static async int race(void)
{
    int rounds = STRESS_N(200, 4);
    for (int k = 0; k < rounds; k++)
        await(race_batch((unsigned)k * 2654435761u));
    await(after_the_end());
    return rounds;
}

/* A task that the shutdown will drop, and an abort handle on it kept past the shutdown. */
static async ac_abort_handle *leave_running(void)
{
    ac_task *t = ac_spawn(forever());
    ac_abort_handle *h = ac_task_abort_handle(t);
    ac_task_detach(t);
    await(until_running(2));
    return h;
}

int main(void)
{
    stress_watchdog_progress(&progress, 30);
    int rounds = ac_block_on(race());
    stress_watchdog_done();
    CHECK_EQ(atomic_load(&finished) + atomic_load(&cancelled), (long)rounds * PAR);

    long before = atomic_load(&cleaned);
    ac_abort_handle *h = ac_block_on(leave_running());
    CHECK(!ac_abort_handle_is_finished(h));
    ac_runtime_shutdown();
    CHECK_EQ(atomic_load(&cleaned), before + 1); /* the shutdown dropped it */
    CHECK(ac_abort_handle_is_finished(h));
    ac_abort(h); /* the task is freed: the handle does nothing */
    ac_abort_handle_release(h);
    printf("abort_handle: ok, %d rounds: %ld finished, %ld cancelled\n", rounds,
           (long)atomic_load(&finished), (long)atomic_load(&cancelled));
    return 0;
}
