/* runtime/nofork.h: no-fork sections: the stretches where a runtime thread moves tasks between the
 * runtime's structures or updates them halfway, which fork() waits out (nofork.c, the prepare
 * handler) so that the child inherits none half done.
 *
 * A thread that fork() leaves behind is cut off wherever it is: a worker halfway through a steal
 * (tasks claimed from one queue, not yet published in its own), with a batch taken from the
 * global queue or a slot of timers in its hands, or between setting a task's NOTIFIED bit and
 * queueing it, leaves the child without those tasks. So every such stretch is a no-fork
 * section, and fork() begins only once no other thread is inside one (and none can enter).
 *
 * Cheap on the side of the sections, which run between every two polls and at every wake: a
 * worker's depth is a word of its own, stored and then checked against ac__fork_pending with no
 * fence; the forking thread makes up for it with membarrier(2), which runs a full barrier on
 * every other thread of the process (the asymmetric Dekker of userspace RCU). Other threads
 * (the pool, the signal dispatcher, the monitor, the program's own) count themselves in one
 * shared word, atomically. A section never waits for anything but a short lock or another
 * section, so fork() waits microseconds; it never waits for a poll, a parked worker or a job on
 * the blocking pool, none of which is a section. */
#ifndef ASYNCC_RUNTIME_NOFORK_H
#define ASYNCC_RUNTIME_NOFORK_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "worker.h"

/* Nonzero from the prepare handler until the fork is over: 1, or 3 when threads sleep on it. */
extern _Atomic uint32_t ac__fork_pending;
/* The kernel refused membarrier(2): sections fence themselves (read relaxed). */
extern _Atomic bool ac__nofork_fence;

/* A full barrier. ThreadSanitizer models no fence (gcc warns -Wtsan): there both sides make a
 * sequentially consistent read-modify-write of one shared word, which orders them as well. */
#if AC__BUILT_FOR_TSAN
extern _Atomic unsigned ac__nofork_tsan_word;
#endif
static inline void ac__nofork_full_fence(void)
{
#if AC__BUILT_FOR_TSAN
    atomic_fetch_add(&ac__nofork_tsan_word, 0);
#else
    atomic_thread_fence(memory_order_seq_cst);
#endif
}

static inline void ac__nofork_order(void)
{
    /* The store of the depth before the load of ac__fork_pending: the forker's membarrier
     * orders them, or this fence. */
    if (AC__UNLIKELY(atomic_load_explicit(&ac__nofork_fence, memory_order_relaxed)))
        ac__nofork_full_fence();
    else
        atomic_signal_fence(memory_order_seq_cst);
}

/* The slow paths (nofork.c). */
void ac__nofork_wait(struct ac__worker *w);
void ac__nofork_outside_enter(void);
void ac__nofork_outside_leave(void);
bool ac__nofork_outside_try_enter(void);

/* Enters a no-fork section (they nest); waits first while a fork() is under way. */
static inline void ac__nofork_enter(void)
{
    struct ac__worker *w = ac__current;
    if (AC__UNLIKELY(!w)) {
        ac__nofork_outside_enter();
        return;
    }
    unsigned depth = atomic_load_explicit(&w->nofork, memory_order_relaxed);
    atomic_store_explicit(&w->nofork, depth + 1, memory_order_relaxed);
    if (depth)
        return;
    ac__nofork_order();
    if (AC__UNLIKELY(atomic_load_explicit(&ac__fork_pending, memory_order_relaxed)))
        ac__nofork_wait(w);
}

static inline void ac__nofork_leave(void)
{
    struct ac__worker *w = ac__current;
    if (AC__UNLIKELY(!w)) {
        ac__nofork_outside_leave();
        return;
    }
    /* Release: a forker that sees the section over sees everything it wrote. */
    unsigned depth = atomic_load_explicit(&w->nofork, memory_order_relaxed);
    atomic_store_explicit(&w->nofork, depth - 1, memory_order_release);
}

/* For the monitor, whose work is a help and not a duty: enters unless a fork() is under way
 * (then returns false, having entered nothing). It holds the lock that a worker in a section
 * may take to wake it, so it must never wait at the entry. */
static inline bool ac__nofork_try_enter(void)
{
    return ac__nofork_outside_try_enter();
}

/* The lock of a primitive the tasks share (a channel, a semaphore, a notify, a task group...),
 * held in a no-fork section: a fork() child never inherits one held by a thread it does not
 * have (its tasks would spin on it for ever), nor a waiter list halfway through an update. */
static inline void ac__sync_lock(ac__spinlock *l)
{
    ac__nofork_enter();
    ac__spin_lock(l);
}

static inline void ac__sync_unlock(ac__spinlock *l)
{
    ac__spin_unlock(l);
    ac__nofork_leave();
}

#endif
