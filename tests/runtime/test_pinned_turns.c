/* tests/runtime/test_pinned_turns.c (async C): a task spawned with ac_spawn_local gets its
 * turns while its worker is busy with tasks of the local queue, as a task spawned with ac_spawn
 * does. Pinned tasks wait in the worker's remote queue, which was looked at only every
 * global_queue_interval (61) polls while the local queue had tasks: a pinned ticker that
 * yields got one turn where a spawned one got a hundred. One worker, so that only the order of
 * its queues decides. */
#include <stdbool.h>

#include "test.h"

TEST_ONE_WORKER()

static bool stop;

static async int ticker(void)
{
    int n = 0;
    while (!__atomic_load_n(&stop, __ATOMIC_RELAXED)) {
        await(ac_yield());
        n++;
    }
    return n;
}

/* Runs a ticker spawned by spawn while this task awaits 12,800 futures that are ready at once
 * (it yields when its budget of 128 is spent); returns the ticker's turns. */
static async int turns_beside_busy(bool pinned)
{
    __atomic_store_n(&stop, false, __ATOMIC_RELAXED);
    ac_task *t = pinned ? ac_spawn_local(ticker()) : ac_spawn(ticker());
    ac_notify *n = ac_notify_new();
    for (int i = 0; i < 12800; i++) {
        ac_notify_one(n);
        await(ac_notify_wait(n));
    }
    __atomic_store_n(&stop, true, __ATOMIC_RELAXED);
    int turns = 0;
    CHECK_EQ(await(ac_task_join(t, &turns)), 0);
    ac_notify_free(n);
    return turns;
}

async int main(void)
{
    int spawned = await(turns_beside_busy(false));
    int pinned = await(turns_beside_busy(true));
    printf("turns: spawned %d, pinned %d\n", spawned, pinned);
    CHECK_INT(>=, spawned, 50);
    CHECK_INT(>=, pinned, spawned / 2);
    return 0;
}
