/* runtime/worker.h: the workers and the runtime that owns them: a worker's queues, wheel, backend
 * and watchdog state, the runtime's shared state, and the scheduler's calls between them. */
#ifndef ASYNCC_RUNTIME_WORKER_H
#define ASYNCC_RUNTIME_WORKER_H

#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "asyncc/future.h"
#include "asyncc/runtime.h"
#include "backend.h"
#include "queue.h"
#include "timer.h"
#include "util.h"

struct ac__worker_stats {
    _Atomic uint64_t polls, steals, parks, spawned, freed, io_submitted, io_completed;
};

/* Increments a counter that only the owning thread writes: a plain load and store, no lock. */
#define AC__STAT_INC(w, field) \
    atomic_store_explicit(&(w)->stats.field, \
                          atomic_load_explicit(&(w)->stats.field, memory_order_relaxed) + 1, \
                          memory_order_relaxed)
#define AC__STAT_ADD(w, field, n) \
    atomic_store_explicit(&(w)->stats.field, \
                          atomic_load_explicit(&(w)->stats.field, memory_order_relaxed) + (n), \
                          memory_order_relaxed)

#define AC__WATCH_WORDS 25

struct ac__worker {
    struct ac__local_queue queue;
    struct ac__runtime *rt;
    unsigned index;
    /* The task to run next; exchanged atomically, as the monitor takes it from a worker stuck
     * in a poll. */
    ac_task *_Atomic lifo;
    unsigned lifo_polls;
    bool remote_turn; /* the last task came from the local queue: the remote one goes next */
    ac_task *polling; /* the task being polled or dropped here (ac_task_scoped's caller), or NULL */
    uint32_t tick;
    /* How deep the thread running this worker is in no-fork sections (nofork.h); written by that
     * thread only, read by a forking one. */
    _Atomic unsigned nofork;
    uint32_t global_in; /* polls until the next look at the global queue (worker.c) */
    bool searching;
    bool in_driver; /* dispatching completions or timers: wakes keep their order (no LIFO) */
    uint32_t reap_tick; /* tick at the last reap (worker.c, reap_into_queue) */
    unsigned driver_woken; /* tasks queued here by dispatching, since the reap began */
    /* When tasks were queued here that are still waiting (0: none; cheap clock). Written by
     * the owner, read by idle workers: a younger backlog is left to the owner. */
    _Atomic uint64_t backlog_since;
    uint32_t backlog_mark; /* ac__local_added when backlog_since was set (owner only) */
    /* When the backend prepared work that it has not handed to the kernel yet (0: none). */
    uint64_t flush_since;
    bool is_thread; /* false for the current-thread flavour, run by the caller of block_on */
    _Alignas(AC__CACHELINE) _Atomic int asleep;
    /* Pinned tasks woken from other threads, and tasks other workers handed over (worker.c,
     * hand_over). */
    struct ac__inject remote;
    uint64_t rng;

    const struct ac__backend_ops *be; /* the runtime's backend, and w's state in it */
    void *io;
    /* Held by the worker whenever it is not polling a task, and by whoever touches its backend:
     * the worker's own task code submitting, or the monitor taking over a worker stuck in a
     * poll (monitor.c). So nobody else touches the backend while the worker drives it. */
    ac__spinlock io_lock;
    /* Set by the monitor while the worker is stuck in one poll: its queue is free to steal. */
    _Atomic int stuck;
    /* The poll under way, for the watchdog ($ASYNCC_SLOW_POLL_MS; written by the worker under
     * a sequence count, odd while it writes). */
    _Atomic unsigned watch_seq;
    _Atomic uint64_t watch_start_ms;
    const char *_Atomic watch_name;
    _Atomic uint64_t watch_site[AC__WATCH_WORDS]; /* a string, in words read atomically */

    ac__spinlock wheel_lock;
    struct ac__wheel wheel;

    /* Cancellations of this worker's ops asked by other threads: a lock-free stack. */
    struct ac__op *_Atomic cancels;

    pthread_t thread;
    struct ac__worker_stats stats;
};

struct ac__runtime {
    ac_runtime_config config;
    const struct ac__backend_ops *backend;
    unsigned nworkers;
    struct ac__worker *workers;
    struct ac__inject inject;
    _Alignas(AC__CACHELINE) _Atomic unsigned nsearching;
    _Atomic unsigned nparked;
    _Atomic int stopping;
    _Atomic int halted; /* worker threads joined: the shutdown thread owns the backends */
    _Atomic unsigned active_workers; /* worker threads still in their loop */
    pthread_t monitor;
    bool have_monitor;
    void *monitor_state; /* the monitor thread's memory */
    pthread_mutex_t monitor_lock; /* the monitor sleeps on monitor_cond between its rounds */
    pthread_cond_t monitor_cond;
    _Atomic int monitor_idle; /* it sleeps until a worker unparks (every worker was parked) */
    unsigned slow_poll_ms; /* $ASYNCC_SLOW_POLL_MS: report polls longer than this (0: off) */
    _Atomic int started;
    /* ac__block_on waits here for the tasks it started. */
    pthread_mutex_t block_lock;
    pthread_cond_t block_cond;
    struct ac__blocked *blocked; /* the threads waiting there (under block_lock) */
    /* Threads in ac__block_on with a task started, until they have let go of it: a shutdown
     * waits for them before it frees what is left (under block_lock). */
    unsigned inside;
    /* A current-thread runtime's worker is being run by a thread in ac__block_on: the others
     * wait for it (under block_lock). */
    bool worker_taken;
    /* A fork() child of a process where threads waited there (fork.c): the tasks they waited
     * for (the first to complete ends the process, with exit_status, once the workers have
     * stopped). Written only by the child's fork handler. */
    ac_task **orphans;
    size_t norphans;
    _Atomic int exit_when_stopped;
    int exit_status;
    struct ac__worker_stats outside; /* counts for threads that are not workers */
    pthread_mutex_t outside_lock;
};

extern struct ac__runtime *_Atomic ac__rt;
extern __thread struct ac__worker *ac__current;

/* Marks the calling thread's worker (if any) as dispatching completions or timers, whose
 * wakes keep their order; returns the previous mark for ac__driver_leave. */
static inline bool ac__driver_enter(void)
{
    struct ac__worker *me = ac__current;
    if (!me)
        return false;
    bool saved = me->in_driver;
    me->in_driver = true;
    return saved;
}

static inline void ac__driver_leave(bool saved)
{
    if (ac__current)
        ac__current->in_driver = saved;
}

/* The monitor thread (monitor.c): takes over the backend, timers, cancellations and queue of a
 * worker stuck in one poll, and reports polls that run too long while they run. */
void *ac__monitor_main(void *arg);
/* Counts a worker as awake again (nparked), and wakes the monitor if it slept for want of any. */
void ac__count_unparked(struct ac__runtime *rt);

/* Whether SIGPIPE is harmless: ignored, or caught by the runtime's handler that does nothing
 * (installed at start unless the program set its own disposition). When it is not, writes to
 * sockets go out as sends with MSG_NOSIGNAL. */
extern _Atomic bool ac__sigpipe_ignored;

/* Initializes rt's mutexes and conditions (at creation, and anew in a fork() child). */
void ac__runtime_locks_init(struct ac__runtime *rt);

/* A thread waiting in ac__block_on for task: a node on its stack. */
struct ac__blocked {
    ac_task *task;
    struct ac__blocked *next;
};
/* Whether task is one that a thread fork() left behind waited for; if so, ends the process as
 * that thread would have (runtime.c). */
bool ac__blocker_orphan_done(ac_task *task);

/* The runtime, created with the default configuration when there is none yet. */
struct ac__runtime *ac__runtime_start(void);
static inline struct ac__runtime *ac__runtime_get(void)
{
    struct ac__runtime *rt = atomic_load_explicit(&ac__rt, memory_order_acquire);
    return AC__LIKELY(rt) ? rt : ac__runtime_start();
}
/* The gate (gate.c) that threads outside the runtime's workers pass to queue work on it, and
 * that a shutdown closes (setting stopping) before it drops the tasks. Returns 0 with *out the
 * runtime (the caller queues, then calls ac__gate_leave), -ESHUTDOWN while a shutdown runs
 * (nothing may be queued: the shutdown drops every task), or -ENOENT when none runs. */
int ac__gate_enter(struct ac__runtime **out);
void ac__gate_leave(void);
/* The same, starting the runtime when none runs (ac__runtime_start: a failure ends the
 * program): the runtime entered, or NULL while a shutdown runs. */
struct ac__runtime *ac__gate_enter_starting(void);
/* Waits until no thread is inside the gate (a shutdown, after it set stopping). */
void ac__gate_wait_empty(void);
/* Queues a task whose NOTIFIED bit the caller set; the queue takes the caller's reference.
 * yield puts it at the back even on its own worker. */
void ac__schedule(ac_task *task, bool yield);
/* A backlog of completions in a worker's backend that a parked worker is woken to share
 * (worker.c, take_completions). */
#define AC__SHARE_MIN 64
/* Wakes a parked worker if there is work for it and nobody is searching already. */
void ac__notify_parked(struct ac__runtime *rt);
void *ac__worker_main(void *arg);
/* Runs the worker loop on the calling thread until stop() returns true. */
void ac__worker_run(struct ac__worker *w, bool (*stop)(void *), void *arg);

/* Waits until every pool job has finished (as Tokio's shutdown does: an ac_spawn_blocking
 * job's waker holds a reference on its task), then the pool's threads exit and are joined;
 * returns true. exiting (the process ends next): a job whose future was dropped is not waited
 * for, since its fn may never return (a read nobody writes to); returns false when such a job
 * is left, with the pool as it is and the tasks its wakers hold still to be kept. */
bool ac__blocking_drain(bool exiting);

/* Asks worker w to cancel op, submitted on w's backend (op->cancel_taken is set once w no
 * longer touches the request; the caller keeps op alive until then). */
void ac__backend_cancel_remote(struct ac__worker *w, struct ac__op *op);
/* Hands the cancellations queued for w to its backend; called by w or at shutdown. */
void ac__process_cancels(struct ac__worker *w);

/* The calls the scheduler makes on a worker's backend (see struct ac__backend_ops). */
static inline unsigned ac__backend_reap(struct ac__worker *w)
{
    return w->be->reap(w, UINT_MAX);
}

static inline void ac__backend_wait(struct ac__worker *w, uint64_t deadline)
{
    w->be->wait(w, deadline);
}

static inline void ac__backend_wake(struct ac__worker *w)
{
    w->be->wake(w);
}

#endif
