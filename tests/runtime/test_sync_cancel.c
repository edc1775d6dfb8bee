/* tests/runtime/test_sync_cancel.c (async C): the mutex, the semaphore and notify under heavy
 * contention, with waiters cancelled by timeouts at random moments: mutual exclusion holds, no
 * permit or notification is swallowed by a cancelled waiter, and nobody waits for ever. */
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

/* ---- The mutex: a timed lock, a critical section that may sleep, an unlock. ---- */
static ac_mutex *mutex;
static _Atomic int inside;
static long locked_total;

static async void mutex_user(unsigned seed, int rounds)
{
    for (int i = 0; i < rounds; i++) {
        int r = await(ac_timeout(rnd(&seed) % 3, ac_mutex_lock(mutex)));
        if (r)
            continue;
        CHECK_EQ(atomic_fetch_add(&inside, 1), 0);
        locked_total++;
        if (rnd(&seed) % 4 == 0)
            await(ac_yield());
        else if (rnd(&seed) % 8 == 0)
            await(ac_sleep_ms(rnd(&seed) % 2));
        CHECK_EQ(atomic_fetch_sub(&inside, 1), 1);
        ac_mutex_unlock(mutex);
        atomic_fetch_add(&progress, 1);
    }
}

/* ---- The semaphore: requests of 1 to 4 of 4 permits, held for a while. ---- */
static ac_semaphore *sem;
static _Atomic long held;

static async void sem_user(unsigned seed, int rounds)
{
    for (int i = 0; i < rounds; i++) {
        size_t n = 1 + rnd(&seed) % 4;
        int r = 0;
        int t = await(ac_timeout(rnd(&seed) % 3, r = ac_semaphore_acquire(sem, n)));
        if (t)
            continue;
        CHECK_EQ(r, 0);
        CHECK_INT(<=, atomic_fetch_add(&held, (long)n) + (long)n, 4);
        if (rnd(&seed) % 2)
            await(ac_yield());
        atomic_fetch_sub(&held, (long)n);
        ac_semaphore_release(sem, n);
        atomic_fetch_add(&progress, 1);
    }
}

/* ---- Notify: a producer hands out one notification at a time and waits for it to be taken;
 * consumers wait with short timeouts. A cancelled waiter that swallowed the notification would
 * leave the producer waiting for ever. ---- */
static ac_notify *ping, *ack;
static _Atomic int producing = 1;
static _Atomic long taken;

static async void consumer(unsigned seed)
{
    while (atomic_load(&producing)) {
        int t = await(ac_timeout(rnd(&seed) % 3, ac_notify_wait(ping)));
        if (t)
            continue;
        atomic_fetch_add(&taken, 1);
        ac_notify_one(ack);
    }
}

/* From a thread outside the runtime, as a library's callback would. */
struct producer_arg {
    long rounds;
};

static async void producer(long rounds)
{
    for (long i = 0; i < rounds; i++) {
        ac_notify_one(ping);
        await(ac_notify_wait(ack));
        atomic_fetch_add(&progress, 1);
    }
}

/* The same from a foreign thread: ac_notify_one there, and a blocking wait for the ack through a
 * pthread condition that a task sets. */
static pthread_mutex_t fl = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t fc = PTHREAD_COND_INITIALIZER;
static long facks;

static void *foreign_producer(void *arg)
{
    long rounds = (long)(intptr_t)arg;
    for (long i = 0; i < rounds; i++) {
        ac_notify_one(ping);
        pthread_mutex_lock(&fl);
        while (facks <= i)
            pthread_cond_wait(&fc, &fl);
        pthread_mutex_unlock(&fl);
        atomic_fetch_add(&progress, 1);
    }
    return NULL;
}

static async void ack_relay(long rounds)
{
    for (long i = 0; i < rounds; i++) {
        await(ac_notify_wait(ack));
        pthread_mutex_lock(&fl);
        facks++;
        pthread_cond_signal(&fc);
        pthread_mutex_unlock(&fl);
    }
}

async int main(void)
{
    stress_watchdog_progress(&progress, 20);
    enum { USERS = 16 };
    int rounds = STRESS_N(2000, 10);
    mutex = ac_mutex_new();
    sem = ac_semaphore_new(4);
    ac_task *t[USERS * 2];
    for (int i = 0; i < USERS; i++) {
        t[2 * i] = ac_spawn(mutex_user(1000u + (unsigned)i, rounds));
        t[2 * i + 1] = ac_spawn(sem_user(2000u + (unsigned)i, rounds));
    }
    for (int i = 0; i < USERS * 2; i++)
        CHECK_EQ(await(ac_task_join(t[i], NULL)), 0);
    CHECK_EQ(ac_mutex_try_lock(mutex), 0); /* no permit lost or added */
    CHECK_EQ(ac_mutex_try_lock(mutex), -EBUSY);
    ac_mutex_unlock(mutex);
    CHECK_EQ(ac_semaphore_available(sem), 4);
    printf("sync_cancel: mutex %ld locks of %d tries\n", locked_total, USERS * rounds);

    ping = ac_notify_new();
    ack = ac_notify_new();
    ac_task *c[8];
    for (int i = 0; i < 8; i++)
        c[i] = ac_spawn(consumer(3000u + (unsigned)i));
    long nrounds = STRESS_N(4000, 10);
    await(producer(nrounds));
    CHECK_EQ(atomic_load(&taken), nrounds);
    pthread_t th;
    ac_task *relay = ac_spawn(ack_relay(nrounds));
    CHECK_EQ(pthread_create(&th, NULL, foreign_producer, (void *)(intptr_t)nrounds), 0);
    CHECK_EQ(await(ac_task_join(relay, NULL)), 0);
    pthread_join(th, NULL);
    CHECK_EQ(atomic_load(&taken), 2 * nrounds);
    atomic_store(&producing, 0);
    for (int i = 0; i < 8; i++)
        CHECK_EQ(await(ac_task_join(c[i], NULL)), 0);
    stress_watchdog_done();
    ac_runtime_stats stats;
    ac_runtime_stats_get(&stats);
    CHECK_EQ(stats.tasks_alive, 1); /* main: no waker kept a task alive */
    printf("sync_cancel: ok (%s)\n", ac_runtime_backend());
    return 0;
}
