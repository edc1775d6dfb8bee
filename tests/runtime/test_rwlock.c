/* tests/runtime/test_rwlock.c (async C): the read-write lock (readers together, a writer alone,
 * a waiting writer not starved by readers arriving after it, try_*, a wait cancelled by a
 * timeout) and the barrier (rounds of 8 tasks with one leader each, a waiter that leaves). */
#include "test.h"

#define READERS 8
#define ROUNDS 20

static ac_rwlock *lock;
static atomic_int readers_in, writers_in, max_readers, violations, writer_done, overtaken;

static async void reader(int ms, int late)
{
    await(ac_rwlock_read(lock));
    if (late && !atomic_load(&writer_done))
        atomic_fetch_add(&overtaken, 1);
    int n = atomic_fetch_add(&readers_in, 1) + 1;
    int m = atomic_load(&max_readers);
    while (n > m && !atomic_compare_exchange_weak(&max_readers, &m, n))
        ;
    if (atomic_load(&writers_in))
        atomic_fetch_add(&violations, 1);
    await(ac_sleep_ms((unsigned long)ms));
    atomic_fetch_sub(&readers_in, 1);
    ac_rwlock_read_unlock(lock);
}

static async void writer(int ms)
{
    await(ac_rwlock_write(lock));
    if (atomic_fetch_add(&writers_in, 1) != 0 || atomic_load(&readers_in))
        atomic_fetch_add(&violations, 1);
    await(ac_sleep_ms((unsigned long)ms));
    atomic_store(&writer_done, 1);
    atomic_fetch_sub(&writers_in, 1);
    ac_rwlock_write_unlock(lock);
}

static ac_barrier *barrier;
static atomic_int leaders, passed[ROUNDS];

static async void round_trip(int id)
{
    for (int r = 0; r < ROUNDS; r++) {
        if ((id + r) % 3 == 0)
            await(ac_sleep_ms(1));
        int leader = await(ac_barrier_wait(barrier));
        atomic_fetch_add(&leaders, leader);
        atomic_fetch_add(&passed[r], 1);
        /* No one reaches round r+1's barrier before all of round r passed it. */
        CHECK_INT(>=, atomic_load(&passed[r]), 1);
    }
}

async int main(void)
{
    lock = ac_rwlock_new();
    ac_task *t[READERS + 4];
    for (int i = 0; i < READERS; i++)
        t[i] = ac_spawn(reader(200, 0));
    for (int i = 0; i < 150 && atomic_load(&readers_in) < READERS; i++)
        await(ac_sleep_ms(1));
    /* A writer queues behind the readers; readers arriving after it wait for it. */
    t[READERS] = ac_spawn(writer(10));
    while (ac_rwlock_try_read(lock) == 0) { /* no waiter yet: the writer has not queued */
        ac_rwlock_read_unlock(lock);
        await(ac_sleep_ms(1));
    }
    for (int i = 1; i < 4; i++)
        t[READERS + i] = ac_spawn(reader(1, 1));
    for (int i = 0; i < READERS + 4; i++)
        await(ac_task_join(t[i], NULL));
    CHECK_EQ(atomic_load(&max_readers), READERS);
    CHECK_EQ(atomic_load(&violations), 0);
    CHECK_EQ(atomic_load(&overtaken), 0);

    CHECK_EQ(ac_rwlock_try_write(lock), 0);
    CHECK_EQ(ac_rwlock_try_read(lock), -EBUSY);
    CHECK_EQ(ac_rwlock_try_write(lock), -EBUSY);
    int r = await(ac_timeout(10, ac_rwlock_read(lock)));
    CHECK_EQ(r, -ETIMEDOUT);
    ac_rwlock_write_unlock(lock);
    CHECK_EQ(ac_rwlock_try_read(lock), 0);
    CHECK_EQ(ac_rwlock_try_read(lock), 0);
    r = await(ac_timeout(10, ac_rwlock_write(lock)));
    CHECK_EQ(r, -ETIMEDOUT);
    ac_rwlock_read_unlock(lock);
    ac_rwlock_read_unlock(lock);
    await(ac_rwlock_write(lock)); /* the cancelled waits left nothing behind */
    ac_rwlock_write_unlock(lock);
    ac_rwlock_free(lock);

    /* Barrier: 8 tasks, 20 rounds, one leader per round. */
    barrier = ac_barrier_new(8);
    ac_task *b[8];
    for (int i = 0; i < 8; i++)
        b[i] = ac_spawn(round_trip(i));
    for (int i = 0; i < 8; i++)
        await(ac_task_join(b[i], NULL));
    CHECK_EQ(atomic_load(&leaders), ROUNDS);
    for (int i = 0; i < ROUNDS; i++)
        CHECK_EQ(atomic_load(&passed[i]), 8);
    ac_barrier_free(barrier);

    /* A waiter that leaves by timeout does not count. */
    barrier = ac_barrier_new(2);
    r = await(ac_timeout(5, ac_barrier_wait(barrier)));
    CHECK_EQ(r, -ETIMEDOUT);
    int lead = -1;
    r = await(ac_timeout(5, lead = ac_barrier_wait(barrier)));
    CHECK_EQ(r, -ETIMEDOUT); /* alone again: the one before left */
    ac_barrier_free(barrier);
    barrier = ac_barrier_new(1);
    CHECK_EQ(await(ac_barrier_wait(barrier)), 1);
    ac_barrier_free(barrier);
    printf("rwlock: ok\n");
    return 0;
}
