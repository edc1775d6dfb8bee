/* runtime/nofork.c: fork()'s prepare and parent handlers: the no-fork sections waited out
 * (nofork.h), then the short locks of what the child reuses taken, in one order, and released. */
#define _GNU_SOURCE
#include <limits.h>
#include <linux/futex.h>
#include <linux/membarrier.h>
#include <pthread.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "fork.h"
#include "nofork.h"

_Atomic uint32_t ac__fork_pending;
_Atomic bool ac__nofork_fence;
#if AC__BUILT_FOR_TSAN
_Atomic unsigned ac__nofork_tsan_word;
#endif

/* Threads that are no worker, in a section (each counts once, however deep). */
static _Atomic unsigned outside_in;
static __thread unsigned outside_depth;

/* One fork() at a time (a second forker waits in its prepare handler). */
static pthread_mutex_t fork_lock = PTHREAD_MUTEX_INITIALIZER;
/* The runtime whose locks the prepare handler took (NULL: none ran). */
static struct ac__runtime *held;

/* How long fork() waits for the sections to end: they end in microseconds unless their thread
 * is descheduled, or stopped for good (a bug; the fork then goes on as it did before there
 * were sections, taking its chances). */
#define DRAIN_NS 1000000000ull

/* ------------------------------------------------------------------------------------------ */
/* The sections' side                                                                         */

static long futex(_Atomic uint32_t *word, int op, uint32_t val)
{
    return syscall(SYS_futex, (uint32_t *)word, op, val, NULL, NULL, 0);
}

/* Waits until no fork() is under way: a short spin, then asleep on the word (3: sleepers). */
static void wait_while_pending(void)
{
    for (unsigned n = 0;; n++) {
        uint32_t p = atomic_load_explicit(&ac__fork_pending, memory_order_acquire);
        if (!p)
            return;
        if (n < 100) {
            ac__spin_backoff(n);
            continue;
        }
        if (p == 1 && !atomic_compare_exchange_strong(&ac__fork_pending, &p, 3))
            continue;
        futex(&ac__fork_pending, FUTEX_WAIT_PRIVATE, 3);
    }
}

void ac__nofork_wait(struct ac__worker *w)
{
    for (;;) {
        atomic_store_explicit(&w->nofork, 0, memory_order_release);
        wait_while_pending();
        atomic_store_explicit(&w->nofork, 1, memory_order_relaxed);
        ac__nofork_order();
        if (!atomic_load_explicit(&ac__fork_pending, memory_order_relaxed))
            return;
    }
}

/* Counts the thread in, unless a fork() is under way: whether it did. Both sides sequentially
 * consistent: the forker sets pending and then reads the count, we count and then read
 * pending; one of the two sees the other. */
static bool outside_try_count(void)
{
    atomic_fetch_add(&outside_in, 1);
    if (!atomic_load(&ac__fork_pending))
        return true;
    atomic_fetch_sub(&outside_in, 1);
    return false;
}

void ac__nofork_outside_enter(void)
{
    if (outside_depth++)
        return;
    while (!outside_try_count())
        wait_while_pending();
}

void ac__nofork_outside_leave(void)
{
    if (--outside_depth == 0)
        atomic_fetch_sub_explicit(&outside_in, 1, memory_order_release);
}

bool ac__nofork_outside_try_enter(void)
{
    if (outside_depth) {
        outside_depth++;
        return true;
    }
    if (!outside_try_count())
        return false;
    outside_depth = 1;
    return true;
}

/* ------------------------------------------------------------------------------------------ */
/* The forker's side                                                                          */

void ac__nofork_init(void)
{
    /* Registered, every thread's entry can go without a fence (nofork.h). */
    atomic_store(&ac__nofork_fence,
                 syscall(SYS_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0) != 0);
}

/* A full barrier on every thread of the process that runs now: their stores to their depths
 * are seen here, or they see ac__fork_pending. */
static void barrier_everywhere(void)
{
    if (atomic_load(&ac__nofork_fence) ||
        syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0) == 0) {
        ac__nofork_full_fence();
        return;
    }
    /* Refused now though registered (a seccomp filter?): fences from the next fork on. The
     * sections entered without one meanwhile could be missed this time. */
    atomic_store(&ac__nofork_fence, true);
}

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* One step of waiting for a section to end: pauses, then yields, then naps (on a machine with
 * fewer cores than threads the section's thread may need ours). Whether to go on waiting. */
static bool drain_step(unsigned n, uint64_t deadline)
{
    if (n < 200) {
        ac__spin_backoff(n);
        return true;
    }
    if (now_ns() > deadline)
        return false;
    struct timespec nap = {0, 20000};
    nanosleep(&nap, NULL);
    return true;
}

/* Waits until no thread but this one is inside a section (ac__fork_pending keeps them out). */
static void drain(struct ac__runtime *rt)
{
    uint64_t deadline = now_ns() + DRAIN_NS;
    unsigned mine = outside_depth ? 1 : 0;
    unsigned n = 0;
    while (atomic_load_explicit(&outside_in, memory_order_acquire) > mine)
        if (!drain_step(n++, deadline))
            return;
    if (!rt)
        return;
    for (unsigned i = 0; i < rt->nworkers; i++) {
        struct ac__worker *w = &rt->workers[i];
        if (w == ac__current)
            continue; /* our own sections go on in both processes */
        while (atomic_load_explicit(&w->nofork, memory_order_acquire))
            if (!drain_step(n++, deadline))
                return;
    }
}

/* The locks of what the child reuses, taken outermost first (the order in which the runtime
 * nests them: a wheel's lock wakes tasks into the queues, whose locks allocate; a wake may free
 * a task, which leaves the registry and gives memory back). Each holder either is in a section,
 * and there are none now, or holds the lock a few instructions and enters no section under
 * it. */
static void lock_all(struct ac__runtime *rt)
{
    if (rt)
        pthread_mutex_lock(&rt->block_lock);
    ac__keep_before_fork();
    ac__debug_copies_before_fork();
    if (rt) {
        for (unsigned i = 0; i < rt->nworkers; i++)
            ac__spin_lock(&rt->workers[i].wheel_lock);
        for (unsigned i = 0; i < rt->nworkers; i++)
            ac__spin_lock(&rt->workers[i].remote.lock);
        ac__spin_lock(&rt->inject.lock);
    }
    ac__task_before_fork();
    ac__alloc_before_fork();
}

static void unlock_all(struct ac__runtime *rt)
{
    ac__alloc_parent_after_fork();
    ac__task_parent_after_fork();
    if (rt) {
        ac__spin_unlock(&rt->inject.lock);
        for (unsigned i = 0; i < rt->nworkers; i++)
            ac__spin_unlock(&rt->workers[i].remote.lock);
        for (unsigned i = 0; i < rt->nworkers; i++)
            ac__spin_unlock(&rt->workers[i].wheel_lock);
    }
    ac__debug_copies_parent_after_fork();
    ac__keep_parent_after_fork();
    if (rt)
        pthread_mutex_unlock(&rt->block_lock);
}

void ac__nofork_prepare(void)
{
    pthread_mutex_lock(&fork_lock);
    /* Locks whose holders wake tasks (entering sections) come before the sections close; no
     * section takes them. */
    ac__signal_before_fork();
    ac__abort_before_fork();
    ac__cancel_token_before_fork();
    struct ac__runtime *rt = atomic_load(&ac__rt);
    held = rt;
    atomic_store(&ac__fork_pending, 1);
    barrier_everywhere();
    drain(rt);
    lock_all(rt);
}

void ac__nofork_parent(void)
{
    unlock_all(held);
    if (atomic_exchange(&ac__fork_pending, 0) == 3)
        futex(&ac__fork_pending, FUTEX_WAKE_PRIVATE, INT_MAX);
    ac__cancel_token_parent_after_fork();
    ac__abort_parent_after_fork();
    ac__signal_parent_after_fork();
    held = NULL;
    pthread_mutex_unlock(&fork_lock);
}

/* The child's side: its only thread is the forker, whose sections go on; every lock taken above
 * is made anew by its module's after_fork (fork.c). */
void ac__nofork_child(struct ac__runtime *rt)
{
    pthread_mutex_init(&fork_lock, NULL);
    held = NULL;
    atomic_store(&outside_in, outside_depth ? 1 : 0);
    if (rt)
        for (unsigned i = 0; i < rt->nworkers; i++)
            if (&rt->workers[i] != ac__current)
                atomic_store(&rt->workers[i].nofork, 0);
    /* A new process: its registration may not have followed it. */
    if (!atomic_load(&ac__nofork_fence))
        ac__nofork_init();
    atomic_store(&ac__fork_pending, 0);
}
