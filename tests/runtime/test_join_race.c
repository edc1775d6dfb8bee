/* tests/runtime/test_join_race.c (async C): joins raced by everything at once: a join dropped
 * by a timeout or a select at random moments and tried again, a cancel from a foreign thread
 * or from a task, tasks that finish at random times and themselves spawn and join others. Each
 * join ends with the task's result or -ECANCELED, never hangs, never leaks a task. */
#include <pthread.h>
#include <unistd.h>

#include "stress.h"
#include "test.h"

static _Atomic long progress;

static unsigned rnd(unsigned *s)
{
    *s = *s * 1103515245u + 12345u;
    return (*s >> 16) & 0x7fff;
}

static async long leaf_work(long v, unsigned seed)
{
    switch (rnd(&seed) % 4) {
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

/* A task that spawns two others and joins them (one with a timeout it retries). */
static async long parent_work(long v, unsigned seed)
{
    ac_task *a = ac_spawn(leaf_work(v, seed + 1));
    ac_task *b = ac_spawn(leaf_work(v * 2, seed + 2));
    long ra = 0, rb = 0;
    while (await(ac_timeout(rnd(&seed) % 2, ac_task_join(a, &ra))))
        ;
    CHECK_EQ(await(ac_task_join(b, &rb)), 0);
    return ra + rb;
}

/* Cancels a handle from a thread outside the runtime after a random delay. */
struct cancel_req {
    ac_task *task;
    unsigned delay_us;
    atomic_bool done;
};

static void *canceller(void *arg)
{
    struct cancel_req *c = arg;
    usleep(c->delay_us);
    ac_task_cancel(c->task);
    atomic_store(&c->done, true);
    return NULL;
}

static async int never(void)
{
    await(ac_sleep_ms(1000000));
    return 0;
}

/* Joins t until it finishes: dropped joins in between (timeouts, a select lost to a timer). */
static async int join_until_done(ac_task *t, long *out, unsigned seed)
{
    for (;;) {
        int r = 0;
        switch (rnd(&seed) % 3) {
        case 0:
            if (await(ac_timeout(rnd(&seed) % 3, r = ac_task_join(t, out))) == 0)
                return r;
            break;
        case 1: {
            int w = await(ac_select(ac_sleep_ms(rnd(&seed) % 2), r = ac_task_join(t, out)));
            if (w == 1)
                return r;
            break;
        }
        default:
            await(ac_yield());
            break;
        }
    }
}

static async void one_round(unsigned seed)
{
    long v = (long)rnd(&seed);
    bool parent = rnd(&seed) % 4 == 0;
    ac_task *t = parent ? ac_spawn(parent_work(v, seed)) : ac_spawn(leaf_work(v, seed));
    /* (A parent cancelled in its join would leave its children's handles unreleased: they
     * live until shutdown, as documented. Only leaves are cancelled.) */
    int how = parent ? 0 : (int)(rnd(&seed) % 4);
    pthread_t th;
    struct cancel_req req = {t, rnd(&seed) % 2000, false};
    if (how == 1)
        CHECK_EQ(pthread_create(&th, NULL, canceller, &req), 0);
    else if (how == 2 && rnd(&seed) % 2)
        ac_task_cancel(t);
    long out = -1;
    if (how == 1) {
        /* A join that finished would consume the handle the thread is cancelling. */
        while (!atomic_load(&req.done))
            await(ac_sleep_ms(0));
        pthread_join(th, NULL);
    }
    int r = await(join_until_done(t, &out, seed + 7));
    if (r == 0)
        CHECK_EQ(out, parent ? 3 * v : v);
    else
        CHECK_EQ(r, -ECANCELED);
    atomic_fetch_add(&progress, 1);
}

/* A join dropped, then the handle detached or aborted instead. */
static async void drop_then_release(unsigned seed)
{
    ac_task *t = ac_spawn(never());
    int r;
    CHECK_EQ(await(ac_timeout(rnd(&seed) % 2, r = ac_task_join(t, NULL))), -ETIMEDOUT);
    if (rnd(&seed) % 2) {
        ac_task_abort(t);
    } else {
        ac_task_cancel(t);
        CHECK_EQ(await(ac_task_join(t, NULL)), -ECANCELED);
    }
    (void)r;
    atomic_fetch_add(&progress, 1);
}

async int main(void)
{
    stress_watchdog_progress(&progress, 20);
    enum { PAR = 32 };
    int rounds = STRESS_N(300, 10);
    for (int k = 0; k < rounds; k++) {
        ac_task *t[PAR];
        for (int i = 0; i < PAR; i++) {
            unsigned seed = (unsigned)(k * PAR + i) * 2654435761u;
            t[i] = i % 8 == 7 ? ac_spawn(drop_then_release(seed)) : ac_spawn(one_round(seed));
        }
        for (int i = 0; i < PAR; i++)
            CHECK_EQ(await(ac_task_join(t[i], NULL)), 0);
    }
    stress_watchdog_done();
    await(ac_sleep_ms(20)); /* the aborted tasks drop their frames */
    ac_runtime_stats stats;
    ac_runtime_stats_get(&stats);
    CHECK_EQ(stats.tasks_alive, 1); /* main: no waker or handle kept a task alive */
    printf("join_race: ok (%s), %ld rounds\n", ac_runtime_backend(), (long)atomic_load(&progress));
    return 0;
}
