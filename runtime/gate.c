/* runtime/gate.c: the gate through which threads outside the runtime's workers queue work on
 * it (spawns, ac_block_on, wakes, cancels), which a shutdown closes before it drops the tasks. */
#include <errno.h>
#include <sched.h>

#include "fork.h"
#include "worker.h"

/* Threads inside the gate. Every access is seq_cst: an entrant increments and then reads
 * `stopping`, a shutdown sets `stopping` and then reads this count, so one of them sees the
 * other (as in Dekker's algorithm). */
static _Atomic unsigned entered;

void ac__gate_after_fork(void)
{
    atomic_store(&entered, 0); /* the parent's other threads are not in the child */
}

int ac__gate_enter(struct ac__runtime **out)
{
    atomic_fetch_add(&entered, 1);
    struct ac__runtime *rt = atomic_load(&ac__rt);
    if (rt && !atomic_load(&rt->stopping)) {
        *out = rt;
        return 0;
    }
    atomic_fetch_sub(&entered, 1);
    *out = NULL;
    return rt ? -ESHUTDOWN : -ENOENT;
}

void ac__gate_leave(void)
{
    atomic_fetch_sub(&entered, 1);
}

void ac__gate_wait_empty(void)
{
    for (unsigned n = 0; atomic_load(&entered); n++) {
        if (n < 64)
            ac__spin_backoff(n);
        else
            sched_yield(); /* an entrant descheduled inside: let it run */
    }
}

struct ac__runtime *ac__gate_enter_starting(void)
{
    struct ac__runtime *rt;
    int r;
    while ((r = ac__gate_enter(&rt)) == -ENOENT)
        ac__runtime_start(); /* none (or a shutdown just ended): start one, or end the program */
    return r == 0 ? rt : NULL;
}
