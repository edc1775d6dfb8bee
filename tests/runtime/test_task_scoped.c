/* tests/runtime/test_task_scoped.c (async C): ac_task_scoped, join handles tied to the task that
 * holds them: released when that task is cancelled or returns, left alone when joined, detached,
 * aborted or given to a group first, and the memory of a loop of spawns and joins stays bounded. */
#include "test.h"

static _Atomic int children_done;

static unsigned long long alive(void)
{
    ac_runtime_stats stats;
    ac_runtime_stats_get(&stats);
    return stats.tasks_alive;
}

/* Waits until the tasks alive fall to want (frames are dropped and handles released by other
 * workers a moment later); returns what it saw last. */
static async unsigned long long settle(unsigned long long want)
{
    for (int i = 0; i < 400 && alive() != want; i++)
        await(ac_sleep_ms(5));
    return alive();
}

static async int child(int ms)
{
    await(ac_sleep_ms((unsigned long)ms));
    atomic_fetch_add(&children_done, 1);
    return ms;
}

/* A parent cancelled while it awaits its child's join: the handle it held goes with it. */
static async int parent_joins(int ms)
{
    ac_task *t = ac_task_scoped(ac_spawn(child(ms)));
    int r = 0;
    await(ac_task_join(t, &r));
    return r;
}

/* A parent that returns with its children neither joined nor detached (Tokio's dropped
 * JoinHandles): they run on, detached. */
static async int parent_forgets(int n)
{
    for (int i = 0; i < n; i++)
        ac_task_scoped(ac_spawn(child(20)));
    return n;
}

/* Every way a scoped handle can leave the scope before it ends: joined, detached, aborted,
 * cancelled and joined, given to a group that joins it after the parent returned. */
static async int parent_releases(ac_task_group *g)
{
    int r = 0;
    ac_task *joined = ac_task_scoped(ac_spawn(child(1)));
    CHECK_EQ(await(ac_task_join(joined, &r)), 0);
    CHECK_EQ(r, 1);
    ac_task_detach(ac_task_scoped(ac_spawn(child(2))));
    ac_task_abort(ac_task_scoped(ac_spawn(child(1000))));
    ac_task *cancelled = ac_task_scoped(ac_spawn(child(1000)));
    ac_task_cancel(cancelled);
    CHECK_EQ(await(ac_task_join(cancelled, &r)), -ECANCELED);
    CHECK_EQ(ac_task_group_add(g, ac_task_scoped(ac_spawn(child(30)))), 0);
    /* A join dropped by a timeout leaves the handle scoped: released at the end below. The
     * child ends long after the timeout (with 40 ms, valgrind on a loaded machine saw the
     * join complete first). */
    ac_task *late = ac_task_scoped(ac_spawn(child(500)));
    CHECK_EQ(await(ac_timeout(1, ac_task_join(late, &r))), -ETIMEDOUT);
    return 0;
}

/* Many spawns and joins in one task: the scope keeps only the handles it still holds. */
static async int parent_loops(int n)
{
    unsigned long long most = 0;
    for (int i = 0; i < n; i++) {
        int r = 0;
        ac_task *t = ac_task_scoped(ac_spawn(child(0)));
        CHECK_EQ(await(ac_task_join(t, &r)), 0);
        unsigned long long now = alive();
        if (now > most)
            most = now;
    }
    return (int)most;
}

/* From a blocking-pool thread there is no task to tie the handle to: it stays the caller's. */
static ac_task *from_pool;
static long spawn_from_pool(void *arg)
{
    (void)arg;
    ac_task *t = ac_spawn(child(1));
    from_pool = ac_task_scoped(t);
    return from_pool == t;
}

async int main(void)
{
    unsigned long long base = alive(); /* main */
    CHECK_EQ(base, 1);

    /* Cancelled parents, at once and while their children still run, on every worker. */
    ac_task *parents[16];
    for (int i = 0; i < 16; i++)
        parents[i] = ac_spawn(parent_joins(i % 2 ? 30 : 5));
    await(ac_sleep_ms(10));
    for (int i = 0; i < 16; i++)
        ac_task_abort(parents[i]);
    CHECK_EQ(await(settle(base)), base); /* was 1 + the 16 children's handles, never released */
    CHECK_EQ(atomic_load(&children_done), 16);

    /* A parent that returns: its forgotten children are detached and run to their end. */
    atomic_store(&children_done, 0);
    int n = 0;
    CHECK_EQ(await(ac_task_join(ac_spawn(parent_forgets(8)), &n)), 0);
    CHECK_EQ(await(settle(base)), base);
    CHECK_EQ(atomic_load(&children_done), 8);

    /* Released before the end in every way; a group still owns what it was given. */
    ac_task_group *g = ac_task_group_new();
    CHECK_EQ(await(ac_task_join(ac_spawn(parent_releases(g)), NULL)), 0);
    int r = 0;
    CHECK_EQ(await(ac_task_group_join_next(g, &r)), 0);
    CHECK_EQ(r, 30);
    CHECK_EQ(await(ac_task_group_join_next(g, &r)), -ECHILD);
    ac_task_group_free(g);
    CHECK_EQ(await(settle(base)), base);

    /* 5000 spawns and joins: the scope's references do not pile up. */
    int most = 0;
    CHECK_EQ(await(ac_task_join(ac_spawn(parent_loops(5000)), &most)), 0);
    CHECK_INT(<=, most, 16);
    CHECK_EQ(await(settle(base)), base);

    /* Outside a task the handle stays the caller's (joined here after the pool's call ended). */
    CHECK_EQ(await(ac_spawn_blocking(spawn_from_pool, NULL)), 1);
    CHECK_EQ(await(ac_task_join(from_pool, &r)), 0);
    CHECK_EQ(r, 1);
    CHECK_EQ(ac_task_scoped(NULL), NULL);
    CHECK_EQ(await(settle(base)), base);

    printf("task_scoped: ok (%s)\n", ac_runtime_backend());
    return 0;
}
