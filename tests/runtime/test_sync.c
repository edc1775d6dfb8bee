/* tests/runtime/test_sync.c: the async mutex (100 tasks incrementing a counter with a yield
 * inside the critical section), the semaphore (FIFO, cancelled waits give nothing up, close),
 * notify (one, all, stored permit, a dropped chosen waiter passes it on), ac_spawn_blocking;
 * permits released past SIZE_MAX saturate (they wrapped to a few). */
#include <unistd.h>

#include "test.h"

#define NWORKERS 100
#define ROUNDS 20

static ac_mutex *mutex;
static long counter;
static atomic_int inside;

typedef struct {
    CO_HEAD;
    int i;
    long seen;
} adder_frame;

static int adder_poll(void *frame, ac_cx *cx)
{
    adder_frame *f = frame;
    CO_BEGIN(f);
    for (f->i = 0; f->i < ROUNDS; f->i++) {
        CO_AWAIT(f, ac__type_ac_mutex_lock, ac__init_ac_mutex_lock(f->c.bytes, mutex), NULL);
        CHECK_EQ(atomic_fetch_add(&inside, 1), 0);
        f->seen = counter;
        CO_AWAIT(f, ac__type_ac_yield, ac__init_ac_yield(f->c.bytes), NULL);
        counter = f->seen + 1; /* a lost update if the lock did not hold across the await */
        atomic_fetch_sub(&inside, 1);
        ac_mutex_unlock(mutex);
    }
    CO_RETURN(f, 0);
    CO_END(f);
}
static const ac_future_type adder_type = TEST_TYPE(adder_frame, adder_poll, co_drop);

static long blocking_square(void *arg)
{
    long x = (long)arg;
    usleep(1000);
    return x * x;
}

static atomic_int slow_done;
static long blocking_slow(void *arg)
{
    (void)arg;
    usleep(20000);
    atomic_fetch_add(&slow_done, 1);
    return 1;
}

typedef struct {
    CO_HEAD;
    int i, r;
    long v;
    ac_task *t[NWORKERS];
    ac_semaphore *sem;
    ac_notify *n;
    test_child c2, c3;
} root_frame;

static int root_poll(void *frame, ac_cx *cx)
{
    root_frame *f = frame;
    CO_BEGIN(f);
    /* Mutex */
    mutex = ac_mutex_new();
    for (int i = 0; i < NWORKERS; i++) {
        adder_frame *af;
        f->t[i] = CO_SPAWN_NEW(adder_type, af);
        ac__task_spawn(f->t[i]);
    }
    for (f->i = 0; f->i < NWORKERS; f->i++)
        CO_AWAIT(f, ac__type_ac_task_join, ac__init_ac_task_join(f->c.bytes, f->t[f->i], NULL, AC__RESULT_SIZE(NULL)), NULL);
    CHECK_EQ(counter, NWORKERS * ROUNDS);
    CHECK_EQ(ac_mutex_try_lock(mutex), 0);
    CHECK_EQ(ac_mutex_try_lock(mutex), -EBUSY);
    ac_mutex_unlock(mutex);
    ac_mutex_free(mutex);

    /* Semaphore: a waiter for 3 blocks a later waiter for 1 (FIFO); dropping the big one
     * lets the small one through; a granted-then-dropped wait returns its permits. */
    f->sem = ac_semaphore_new(2);
    CHECK_EQ(ac_semaphore_try_acquire(f->sem, 2), 0);
    ac__init_ac_semaphore_acquire(f->c2.bytes, f->sem, 3);
    CHECK_EQ(test_poll_child(&ac__type_ac_semaphore_acquire, &f->c2, cx, NULL), AC_PENDING);
    ac__init_ac_semaphore_acquire(f->c3.bytes, f->sem, 1);
    CHECK_EQ(test_poll_child(&ac__type_ac_semaphore_acquire, &f->c3, cx, NULL), AC_PENDING);
    ac_semaphore_release(f->sem, 1); /* 1 available, but the 3-waiter is first */
    CHECK_EQ(ac_semaphore_available(f->sem), 1);
    CHECK_EQ(ac_semaphore_try_acquire(f->sem, 1), -EAGAIN); /* someone waits before us */
    ac__type_ac_semaphore_acquire.drop(f->c2.bytes, cx);   /* cancel the 3-waiter */
    CHECK_EQ(ac_semaphore_available(f->sem), 0);           /* ...which granted the 1-waiter */
    CHECK_EQ(test_poll_child(&ac__type_ac_semaphore_acquire, &f->c3, cx, &f->r), AC_READY);
    CHECK_EQ(f->r, 0);
    ac__init_ac_semaphore_acquire(f->c2.bytes, f->sem, 2);
    CHECK_EQ(test_poll_child(&ac__type_ac_semaphore_acquire, &f->c2, cx, NULL), AC_PENDING);
    ac_semaphore_release(f->sem, 3); /* grants 2 to the waiter, 1 left */
    ac__type_ac_semaphore_acquire.drop(f->c2.bytes, cx); /* granted but dropped: returned */
    CHECK_EQ(ac_semaphore_available(f->sem), 3);
    CHECK_EQ(ac_semaphore_try_acquire(f->sem, 3), 0);
    ac__init_ac_semaphore_acquire(f->c2.bytes, f->sem, 1);
    CHECK_EQ(test_poll_child(&ac__type_ac_semaphore_acquire, &f->c2, cx, NULL), AC_PENDING);
    ac_semaphore_close(f->sem);
    CHECK_EQ(test_poll_child(&ac__type_ac_semaphore_acquire, &f->c2, cx, &f->r), AC_READY);
    CHECK_EQ(f->r, -EPIPE);
    CHECK_EQ(ac_semaphore_try_acquire(f->sem, 1), -EPIPE);
    ac_semaphore_free(f->sem);

    /* Notify: a stored permit, notify_one to the first waiter, a dropped chosen waiter passes
     * it on, notify_all wakes everyone and stores nothing. */
    f->n = ac_notify_new();
    ac_notify_one(f->n);
    ac__init_ac_notify_wait(f->c2.bytes, f->n);
    CHECK_EQ(test_poll_child(&ac__type_ac_notify_wait, &f->c2, cx, NULL), AC_READY);
    ac__init_ac_notify_wait(f->c2.bytes, f->n);
    CHECK_EQ(test_poll_child(&ac__type_ac_notify_wait, &f->c2, cx, NULL), AC_PENDING);
    ac__init_ac_notify_wait(f->c3.bytes, f->n);
    CHECK_EQ(test_poll_child(&ac__type_ac_notify_wait, &f->c3, cx, NULL), AC_PENDING);
    ac_notify_one(f->n);                                 /* chooses c2 */
    ac__type_ac_notify_wait.drop(f->c2.bytes, cx);       /* c2 gives it to c3 */
    CHECK_EQ(test_poll_child(&ac__type_ac_notify_wait, &f->c3, cx, NULL), AC_READY);
    ac__init_ac_notify_wait(f->c2.bytes, f->n);
    CHECK_EQ(test_poll_child(&ac__type_ac_notify_wait, &f->c2, cx, NULL), AC_PENDING);
    ac__init_ac_notify_wait(f->c3.bytes, f->n);
    CHECK_EQ(test_poll_child(&ac__type_ac_notify_wait, &f->c3, cx, NULL), AC_PENDING);
    ac_notify_all(f->n);
    CHECK_EQ(test_poll_child(&ac__type_ac_notify_wait, &f->c2, cx, NULL), AC_READY);
    CHECK_EQ(test_poll_child(&ac__type_ac_notify_wait, &f->c3, cx, NULL), AC_READY);
    ac__init_ac_notify_wait(f->c2.bytes, f->n);
    CHECK_EQ(test_poll_child(&ac__type_ac_notify_wait, &f->c2, cx, NULL), AC_PENDING);
    ac__type_ac_notify_wait.drop(f->c2.bytes, cx);
    ac_notify_free(f->n);

    /* spawn_blocking: results come back; a dropped one still runs to its end. */
    for (f->i = 1; f->i <= 20; f->i++) {
        CO_AWAIT(f, ac__type_ac_spawn_blocking, ac__init_ac_spawn_blocking(f->c.bytes, blocking_square, (void *)(long)f->i), &f->v);
        CHECK_EQ(f->v, (long)f->i * f->i);
    }
    ac__init_ac_spawn_blocking(f->c2.bytes, blocking_slow, NULL);
    CHECK_EQ(test_poll_once_then_drop(&ac__type_ac_spawn_blocking, &f->c2, cx, NULL), AC_PENDING);
    CO_RETURN(f, 0);
    CO_END(f);
}
static const ac_future_type root_type = TEST_TYPE(root_frame, root_poll, co_drop);

static void check_saturation(void)
{
    ac_semaphore *sem = ac_semaphore_new(SIZE_MAX - 1);
    ac_semaphore_release(sem, 5);
    CHECK(ac_semaphore_available(sem) == SIZE_MAX);
    CHECK_EQ(ac_semaphore_try_acquire(sem, SIZE_MAX), 0);
    CHECK(ac_semaphore_available(sem) == 0);
    ac_semaphore_free(sem);
}

int main(void)
{
    check_saturation();
    CHECK_EQ(test_block_on(&root_type), 0);
    ac_runtime_shutdown(); /* waits for the abandoned blocking job */
    CHECK_EQ(atomic_load(&slow_done), 1);
    return 0;
}
