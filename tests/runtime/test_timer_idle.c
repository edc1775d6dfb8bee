/* tests/runtime/test_timer_idle.c (async C): a worker whose timer wheel stayed empty for a while
 * (here 1 s waiting on the blocking pool) chooses a new timer's slot from the real now, so the
 * deadline it parks on is never in the past. Before the fix nothing advanced an empty wheel: its
 * notion of now stayed where the last timer had left it, a new timer went to a coarse level, and
 * the worker parked on that level's slot start, up to seconds in the past (seen once: 6 s). */
#include <unistd.h>

#include "../../runtime/timer.h"
#include "../../runtime/worker.h"
#include "test.h"

static long idle(void *arg)
{
    (void)arg;
    usleep(1000 * 1000);
    return 0;
}

static async void sleeper(void)
{
    await(ac_sleep_ms(100));
}

static async int root(void)
{
    /* A timer first, so the wheel has a past, then none for 1 s. */
    await(ac_sleep_ms(1));
    await(ac_spawn_blocking(idle, NULL));
    ac_task *t = ac_spawn(sleeper());
    await(ac_yield()); /* the sleeper runs (one thread: this one) and starts its timer */
    struct ac__worker *w = ac__current;
    ac__spin_lock(&w->wheel_lock);
    uint64_t next = ac__wheel_next(&w->wheel), elapsed = w->wheel.elapsed;
    ac__spin_unlock(&w->wheel_lock);
    uint64_t now = ac__now_ns() / AC__TICK_NS;
    printf("now %llu, the wheel's now %llu, its next deadline %llu (ticks of 62.5 us)\n",
           (unsigned long long)now, (unsigned long long)elapsed, (unsigned long long)next);
    /* The wheel's now is current, and the deadline the worker would park on is not in the past
     * (with the bug both were 1 s behind; 300 ms of slack for a loaded machine under valgrind,
     * where 20 ms once was not enough). */
    CHECK_INT(<=, now - elapsed, 16 * 300);
    CHECK_INT(>=, next + 16 * 300, now);
    await(ac_task_join(t, NULL));
    return 0;
}

int main(void)
{
    test_current_thread();
    CHECK_EQ(ac_block_on(root()), 0);
    ac_runtime_shutdown();
    return 0;
}
