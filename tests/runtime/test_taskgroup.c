/* tests/runtime/test_taskgroup.c (async C): task groups (results in the order tasks finish,
 * -ECHILD when empty, a join_next cancelled by a timeout losing nothing, abort_all, freeing a
 * group aborting its tasks with their cleanups run) and cancellation tokens (a tree of three,
 * waiters woken by their own branch only, a child of a cancelled token, the select pattern, a
 * token freed in the middle of a tree handing its children to its parent). */
#include <unistd.h>

#include "test.h"

#define N 20

static atomic_int dropped, started;
static atomic_int finished, ticket[N]; /* the order in which at() tasks finished */

/* Waits until n forever() tasks have started (a task dropped before its first poll has no
 * cleanup to run). */
static async void until_started(int n)
{
    while (atomic_load(&started) < n)
        await(ac_sleep_ms(1));
}

static void count_drop(int *x)
{
    (void)x;
    atomic_fetch_add(&dropped, 1);
}

static async int after(int ms, int value)
{
    await(ac_sleep_ms((unsigned long)ms));
    return value;
}

/* value, once told to go on (its group's join_next times out first, however slow the machine:
 * a task of 30 ms finished first under load). */
static async int when_told(ac_notify *go, int value)
{
    await(ac_notify_wait(go));
    return value;
}

/* value, noting that it ran. */
static atomic_int ran;
static async int note_run(int value)
{
    atomic_store(&ran, 1);
    return value;
}

static async int at(unsigned long long deadline_ms, int value)
{
    await(ac_sleep_until(deadline_ms));
    atomic_store(&ticket[value], atomic_fetch_add(&finished, 1));
    return value;
}

static async int forever(void)
{
    int guard __attribute__((cleanup(count_drop))) = 0;
    atomic_fetch_add(&started, 1);
    await(ac_sleep_ms(100000));
    return guard;
}

static async int wait_token(ac_cancel_token *t, atomic_int *woken)
{
    await(ac_cancel_token_cancelled(t));
    atomic_fetch_add(woken, 1);
    return 0;
}

/* Works until the token is cancelled; returns how many rounds it did. */
static async int worker(ac_cancel_token *t)
{
    int rounds = 0;
    for (;;) {
        int which = await(ac_select(ac_cancel_token_cancelled(t), ac_sleep_ms(2)));
        if (which == 0)
            return rounds;
        rounds++;
    }
}

static int cmp_int(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

async int main(void)
{
    /* Results come in the order the tasks finish. */
    ac_task_group *g = ac_task_group_new();
    unsigned long long base = ac_now_ms() + 20; /* deadlines 10 ms apart, last spawned first */
    for (int i = 0; i < N; i++)
        ac_task_group_spawn(g, at(base + 10 * (unsigned long long)(N - i), i));
    CHECK_EQ(ac_task_group_len(g), N);
    /* Compared with the order the tasks really finished in, not with their deadlines: on a
     * loaded machine (valgrind) timers fire late and tasks finish out of deadline order. Only a
     * task preempted between taking its ticket and returning can swap with another. Spawn order
     * is the reverse of deadline order, so a group that returned results in spawn order would
     * show N - 1 swaps. */
    int got[N], last = -1, out_of_order = 0;
    for (int i = 0; i < N; i++) {
        int v = -1;
        CHECK_EQ(await(ac_task_group_join_next(g, &v)), 0);
        CHECK(v >= 0 && v < N);
        out_of_order += atomic_load(&ticket[v]) < last;
        last = atomic_load(&ticket[v]);
        got[i] = v;
    }
    CHECK_INT(<=, out_of_order, 2);
    qsort(got, N, sizeof got[0], cmp_int);
    for (int i = 0; i < N; i++)
        CHECK_EQ(got[i], i);
    CHECK_EQ(ac_task_group_len(g), 0);
    CHECK_EQ(await(ac_task_group_join_next(g, NULL)), -ECHILD);

    /* A join_next cancelled by a timeout loses nothing. */
    ac_notify *go = ac_notify_new();
    ac_task_group_spawn(g, when_told(go, 7));
    int v = -1, r = 1;
    int t = await(ac_timeout(5, r = ac_task_group_join_next(g, &v)));
    CHECK_EQ(t, -ETIMEDOUT);
    CHECK_EQ(r, 1);
    ac_notify_one(go); /* a permit if the task has not waited yet */
    CHECK_EQ(await(ac_task_group_join_next(g, &v)), 0);
    ac_notify_free(go);
    CHECK_EQ(v, 7);

    /* abort_all: every task comes out as cancelled; one that had finished keeps its result. */
    ac_task_group_spawn(g, note_run(99));
    while (!atomic_load(&ran))
        await(ac_sleep_ms(1));
    await(ac_sleep_ms(10)); /* it returned in the poll that noted it */
    for (int i = 0; i < 10; i++)
        ac_task_group_spawn(g, forever());
    await(until_started(10));
    ac_task_group_abort_all(g);
    int cancelled = 0, finished = 0;
    while ((r = await(ac_task_group_join_next(g, &v))) != -ECHILD) {
        if (r == -ECANCELED)
            cancelled++;
        else if (r == 0 && v == 99)
            finished++;
    }
    CHECK_EQ(cancelled, 10);
    CHECK_EQ(finished, 1);
    CHECK_EQ(atomic_load(&dropped), 10);

    /* Freeing the group aborts what still runs (their cleanups run) and discards results. */
    for (int i = 0; i < 10; i++)
        ac_task_group_spawn(g, forever());
    ac_task_group_spawn(g, after(0, 1));
    await(until_started(20));
    ac_task_group_free(g);
    for (int i = 0; i < 1000 && atomic_load(&dropped) < 20; i++)
        await(ac_sleep_ms(2));
    CHECK_EQ(atomic_load(&dropped), 20);

    /* A join with a deadline keeps the handle when the deadline passes (the join is
     * cancel-safe): the task is joined again later. */
    go = ac_notify_new();
    ac_task *slow_task = ac_spawn(when_told(go, 9));
    v = -1;
    t = await(ac_timeout(10, r = ac_task_join(slow_task, &v)));
    CHECK_EQ(t, -ETIMEDOUT);
    CHECK_EQ(v, -1);
    ac_notify_one(go);
    CHECK_EQ(await(ac_task_join(slow_task, &v)), 0);
    ac_notify_free(go);
    CHECK_EQ(v, 9);

    /* Tokens: root -> child -> grandchild, two waiters on each. */
    ac_cancel_token *root = ac_cancel_token_new();
    ac_cancel_token *child = ac_cancel_token_child(root);
    ac_cancel_token *grand = ac_cancel_token_child(child);
    atomic_int woken_root = 0, woken_child = 0, woken_grand = 0;
    ac_task *w[6];
    for (int i = 0; i < 2; i++) {
        w[i] = ac_spawn(wait_token(root, &woken_root));
        w[2 + i] = ac_spawn(wait_token(child, &woken_child));
        w[4 + i] = ac_spawn(wait_token(grand, &woken_grand));
    }
    await(ac_sleep_ms(10));
    ac_cancel_token_cancel(child);
    CHECK(ac_cancel_token_is_cancelled(child) && ac_cancel_token_is_cancelled(grand));
    CHECK(!ac_cancel_token_is_cancelled(root));
    for (int i = 2; i < 6; i++)
        await(ac_task_join(w[i], NULL));
    CHECK_EQ(woken_child, 2);
    CHECK_EQ(woken_grand, 2);
    await(ac_sleep_ms(10));
    CHECK_EQ(woken_root, 0);
    /* A wait dropped by a timeout, then the cancel. */
    t = await(ac_timeout(5, ac_cancel_token_cancelled(root)));
    CHECK_EQ(t, -ETIMEDOUT);
    ac_task *wk = ac_spawn(worker(ac_cancel_token_clone(root)));
    await(ac_sleep_ms(20));
    ac_cancel_token_cancel(root);
    ac_cancel_token_cancel(root); /* idempotent */
    for (int i = 0; i < 2; i++)
        await(ac_task_join(w[i], NULL));
    CHECK_EQ(woken_root, 2);
    int rounds = -1;
    await(ac_task_join(wk, &rounds));
    CHECK_INT(>=, rounds, 1);
    ac_cancel_token_free(root); /* the worker's clone */
    /* A child of a cancelled token is born cancelled; a parent freed first orphans it. */
    ac_cancel_token *late = ac_cancel_token_child(root);
    CHECK(ac_cancel_token_is_cancelled(late));
    await(ac_cancel_token_cancelled(late));
    ac_cancel_token_free(root);
    ac_cancel_token_free(child);
    ac_cancel_token *orphan_child = ac_cancel_token_child(grand);
    ac_cancel_token_free(grand);
    ac_cancel_token_cancel(orphan_child);
    ac_cancel_token_free(orphan_child);
    ac_cancel_token_free(late);

    /* A token freed in the middle of a tree hands its children to its parent (as Tokio's
     * does): a shutdown that cancels the root still reaches them, and their waiters. */
    root = ac_cancel_token_new();
    ac_cancel_token *mid = ac_cancel_token_child(root), *sibling = ac_cancel_token_child(root);
    ac_cancel_token *leaf1 = ac_cancel_token_child(mid), *leaf2 = ac_cancel_token_child(mid);
    woken_grand = 0;
    w[0] = ac_spawn(wait_token(leaf1, &woken_grand));
    w[1] = ac_spawn(wait_token(leaf2, &woken_grand));
    ac_cancel_token_free(mid);
    await(ac_sleep_ms(5));
    CHECK_EQ(woken_grand, 0);
    ac_cancel_token_cancel(root);
    CHECK(ac_cancel_token_is_cancelled(leaf1) && ac_cancel_token_is_cancelled(leaf2));
    CHECK(ac_cancel_token_is_cancelled(sibling));
    for (int i = 0; i < 2; i++)
        CHECK_EQ(await(ac_timeout(10000, ac_task_join(w[i], NULL))), 0);
    CHECK_EQ(woken_grand, 2);
    ac_cancel_token_free(leaf1);
    ac_cancel_token_free(root); /* leaf2 and sibling are roots of their own now */
    ac_cancel_token_free(sibling);
    ac_cancel_token_free(leaf2);
    printf("taskgroup: ok\n");
    return 0;
}
