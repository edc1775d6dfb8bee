/* tests/runtime/test_free_after_wake.c (async C): a primitive freed right after it woke its last
 * waiter: ac_notify_one or _all, ac_semaphore_release or _close (a mutex is a semaphore of one),
 * ac_barrier_wait's leader, ac_cancel_token_cancel, each followed at once by the free. The woken task's next poll
 * must complete its wait without touching the freed primitive (ASan checks). One worker, so
 * the woken tasks run only after the free. */
#include "test.h"

TEST_ONE_WORKER()

static _Atomic int waiting, woken;

static async void wait_notify(ac_notify *n)
{
    atomic_fetch_add(&waiting, 1);
    await(ac_notify_wait(n));
    atomic_fetch_add(&woken, 1);
}

static async void wait_semaphore(ac_semaphore *s)
{
    atomic_fetch_add(&waiting, 1);
    CHECK_EQ(await(ac_semaphore_acquire(s, 2)), 0);
    atomic_fetch_add(&woken, 1);
}

static async void wait_closed(ac_semaphore *s)
{
    atomic_fetch_add(&waiting, 1);
    CHECK_EQ(await(ac_semaphore_acquire(s, 1)), -EPIPE);
    atomic_fetch_add(&woken, 1);
}

static async void wait_barrier(ac_barrier *b)
{
    atomic_fetch_add(&waiting, 1);
    CHECK_EQ(await(ac_barrier_wait(b)), 0);
    atomic_fetch_add(&woken, 1);
}

static async void wait_token(ac_cancel_token *t)
{
    atomic_fetch_add(&waiting, 1);
    await(ac_cancel_token_cancelled(t));
    atomic_fetch_add(&woken, 1);
}

/* Lets the n tasks spawned last reach their waits. */
static async void settle(int n)
{
    while (atomic_load(&waiting) < n)
        await(ac_yield());
    await(ac_yield());
}

/* Joins the n tasks in t, which must all have returned. */
static async void join_all(ac_task **t, int n)
{
    for (int i = 0; i < n; i++)
        CHECK_EQ(await(ac_task_join(t[i], NULL)), 0);
    CHECK_EQ(atomic_load(&woken), n);
    atomic_store(&waiting, 0);
    atomic_store(&woken, 0);
}

enum { N = 3 };

async int main(void)
{
    ac_task *t[N];
    ac_notify *n = ac_notify_new();
    t[0] = ac_spawn(wait_notify(n));
    await(settle(1));
    ac_notify_one(n);
    ac_notify_free(n);
    await(join_all(t, 1));

    n = ac_notify_new();
    for (int i = 0; i < N; i++)
        t[i] = ac_spawn(wait_notify(n));
    await(settle(N));
    ac_notify_all(n);
    ac_notify_free(n);
    await(join_all(t, N));

    ac_semaphore *s = ac_semaphore_new(0);
    for (int i = 0; i < N; i++)
        t[i] = ac_spawn(wait_semaphore(s));
    await(settle(N));
    ac_semaphore_release(s, 2 * N);
    ac_semaphore_free(s);
    await(join_all(t, N));

    s = ac_semaphore_new(0);
    for (int i = 0; i < N; i++)
        t[i] = ac_spawn(wait_closed(s));
    await(settle(N));
    ac_semaphore_close(s);
    ac_semaphore_free(s);
    await(join_all(t, N));

    ac_barrier *b = ac_barrier_new(N + 1);
    for (int i = 0; i < N; i++)
        t[i] = ac_spawn(wait_barrier(b));
    await(settle(N));
    CHECK_EQ(await(ac_barrier_wait(b)), 1); /* the leader */
    ac_barrier_free(b);
    await(join_all(t, N));

    ac_cancel_token *tok = ac_cancel_token_new();
    for (int i = 0; i < N; i++)
        t[i] = ac_spawn(wait_token(tok));
    await(settle(N));
    ac_cancel_token_cancel(tok);
    ac_cancel_token_free(tok);
    await(join_all(t, N));

    printf("free_after_wake: ok (%s)\n", ac_runtime_backend());
    return 0;
}
