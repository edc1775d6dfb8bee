/* runtime/task_state.h: the task state word, the only code that reads or writes its bits: every
 * transition is one function returning a named outcome that its caller acts on (Tokio's state.rs). */
#ifndef ASYNCC_RUNTIME_TASK_STATE_H
#define ASYNCC_RUNTIME_TASK_STATE_H

#include "task.h"

/*
 * ac_task.state_word holds the flags below, the index of a pinned task's worker and the
 * references, in one 64-bit atomic word, so that a transition and the reference it takes or
 * drops are one atomic step (as in Tokio). The rules, which every function below keeps:
 *
 *  - NOTIFIED means "in a run queue, or to be queued again when the current poll ends". The run
 *    queue holds one reference while it is set and RUNNING is not, so a wake is never lost,
 *    never doubled, and a task is never polled on two threads at once.
 *  - RUNNING is held by the one thread polling the task (or reading its frames for a dump); it
 *    holds the run queue's reference, or its own.
 *  - COMPLETE is final: the frame finished or was dropped and is never polled again; the result
 *    stays readable until the task is freed.
 *  - JOIN_INTEREST is the join handle, which holds one reference; JOIN_WAKER says join_waker is
 *    set: whoever clears it (the joiner before COMPLETE, the completion after) owns the waker.
 *  - The thread that drops the last reference frees the task (outcome DEALLOC).
 *
 * These functions are static inline: wake, run and join are the scheduler's hottest paths.
 */
enum {
    AC__TS_NOTIFIED = 1u << 0,      /* scheduled, or woken while running */
    AC__TS_RUNNING = 1u << 1,       /* a worker is polling it (or a dump reads its frames) */
    AC__TS_COMPLETE = 1u << 2,      /* the frame finished or was dropped; never polled again */
    AC__TS_CANCELLED = 1u << 3,     /* abort requested: the next run drops instead of polling */
    AC__TS_JOIN_INTEREST = 1u << 4, /* a join handle exists */
    AC__TS_JOIN_WAKER = 1u << 5,    /* join_waker is set; whoever clears the bit owns it */
    AC__TS_ABORTED = 1u << 6,       /* completed by cancellation rather than by returning */
    AC__TS_LOCAL = 1u << 7,         /* pinned to the worker in the owner bits */
    AC__TS_BLOCKER = 1u << 8,       /* a thread waits for it in ac__block_on */
    AC__TS_SCOPED = 1u << 9,        /* the join handle is tied to the task holding it
                                       (ac_task_scoped), which releases it when it ends */
};
/* Where the word is, for the descriptor the gdb extension reads a core file by (task.c). */
#define AC__TS_WORD_OFFSET offsetof(ac_task, state_word)
/* The index of a pinned task's worker, in bits 16-31 (set at spawn, never changed). */
#define AC__TS_OWNER_SHIFT 16
/* The references, in bits 32-63. */
#define AC__TS_REF_ONE ((uint64_t)1 << 32)
#define AC__TS_REFS(s) ((uint32_t)((s) >> 32))

#define AC__TS_CAS(task, s, ns, success, failure)                                              \
    atomic_compare_exchange_weak_explicit(&(task)->state_word, &(s), (ns), (success), (failure))

/* ------------------------------------------------------------------------------------------ */
/* Creation                                                                                   */

/* A task just allocated: one reference (its creator's), not yet visible to anybody. */
static inline void ac__state_init(ac_task *task)
{
    atomic_init(&task->state_word, AC__TS_REF_ONE);
}

/* A task being spawned: the creator's reference becomes the join handle, and the run queue
 * takes a second one (it is NOTIFIED). pinned_worker is the index of the worker it is pinned
 * to, or -1; blocker marks the task a thread waits for in ac__block_on. Before publishing. */
static inline void ac__state_start(ac_task *task, int pinned_worker, bool blocker)
{
    uint64_t s = 2 * AC__TS_REF_ONE | AC__TS_NOTIFIED | AC__TS_JOIN_INTEREST;
    if (pinned_worker >= 0)
        s |= AC__TS_LOCAL | (uint64_t)(unsigned)pinned_worker << AC__TS_OWNER_SHIFT;
    if (blocker)
        s |= AC__TS_BLOCKER;
    atomic_store_explicit(&task->state_word, s, memory_order_relaxed);
}

/* The worker a task is pinned to (ac_spawn_local), or -1. Never changes after spawn. */
static inline int ac__state_pinned_worker(ac_task *task)
{
    uint64_t s = atomic_load_explicit(&task->state_word, memory_order_relaxed);
    return s & AC__TS_LOCAL ? (int)((s >> AC__TS_OWNER_SHIFT) & 0xffffu) : -1;
}

/* ------------------------------------------------------------------------------------------ */
/* References                                                                                 */

static inline void ac__state_ref_inc(ac_task *task)
{
    atomic_fetch_add_explicit(&task->state_word, AC__TS_REF_ONE, memory_order_relaxed);
}

/* Takes a reference unless the task has none left (its last holder is freeing it). */
static inline bool ac__state_try_ref_inc(ac_task *task)
{
    uint64_t s = atomic_load_explicit(&task->state_word, memory_order_relaxed);
    do {
        if (AC__TS_REFS(s) == 0)
            return false;
    } while (!AC__TS_CAS(task, s, s + AC__TS_REF_ONE, memory_order_relaxed, memory_order_relaxed));
    return true;
}

/* Drops a reference; true when it was the last (the caller frees the task). */
static inline bool ac__state_ref_dec(ac_task *task)
{
    uint64_t s = atomic_fetch_sub_explicit(&task->state_word, AC__TS_REF_ONE, memory_order_acq_rel);
    return AC__TS_REFS(s) == 1;
}

/* At shutdown, for a task nobody can reach any more (a handle never joined nor released, after
 * every other holder is gone): its references become the caller's one. */
static inline void ac__state_ref_reset_to_one(ac_task *task)
{
    uint64_t s = atomic_load_explicit(&task->state_word, memory_order_relaxed);
    while (!AC__TS_CAS(task, s, (uint32_t)s | AC__TS_REF_ONE, memory_order_acq_rel,
                       memory_order_relaxed))
        ;
}

/* ------------------------------------------------------------------------------------------ */
/* Waking                                                                                     */

enum ac__wake_outcome {
    AC__WAKE_DO_NOTHING, /* already queued, running (it will run again) or complete */
    AC__WAKE_SUBMIT,     /* queue it: the waker's reference is now the run queue's */
    AC__WAKE_DEALLOC,    /* it was complete and this was the last reference: free it */
};

/* Tokio's transition_to_notified_by_val: consumes the waker's reference. */
static inline enum ac__wake_outcome ac__state_wake_by_val(ac_task *task)
{
    uint64_t s = atomic_load_explicit(&task->state_word, memory_order_acquire);
    for (;;) {
        if (s & (AC__TS_COMPLETE | AC__TS_NOTIFIED))
            return ac__state_ref_dec(task) ? AC__WAKE_DEALLOC : AC__WAKE_DO_NOTHING;
        /* When it is running, its poller queues it again when the poll ends, with the run
         * queue's reference: this waker's goes in the same step (the poller's keeps the count
         * above zero). Otherwise the queue takes it. */
        uint64_t ns = (s | AC__TS_NOTIFIED) - (s & AC__TS_RUNNING ? AC__TS_REF_ONE : 0);
        if (AC__TS_CAS(task, s, ns, memory_order_acq_rel, memory_order_acquire))
            return s & AC__TS_RUNNING ? AC__WAKE_DO_NOTHING : AC__WAKE_SUBMIT;
    }
}

/* Tokio's transition_to_notified_and_cancel (ac_task_cancel): CANCELLED makes the next run drop
 * the frame. SUBMIT: queue it, with the reference taken for the queue in the same step. */
static inline enum ac__wake_outcome ac__state_cancel(ac_task *task)
{
    uint64_t s = atomic_load_explicit(&task->state_word, memory_order_acquire);
    for (;;) {
        if (s & (AC__TS_COMPLETE | AC__TS_CANCELLED))
            return AC__WAKE_DO_NOTHING;
        bool submit = !(s & (AC__TS_RUNNING | AC__TS_NOTIFIED));
        uint64_t ns = (s | AC__TS_CANCELLED | AC__TS_NOTIFIED) + (submit ? AC__TS_REF_ONE : 0);
        if (AC__TS_CAS(task, s, ns, memory_order_acq_rel, memory_order_acquire))
            return submit ? AC__WAKE_SUBMIT : AC__WAKE_DO_NOTHING;
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Running                                                                                    */

enum ac__run_outcome {
    AC__RUN_SUCCESS,   /* RUNNING is ours: poll it */
    AC__RUN_CANCELLED, /* RUNNING is ours, but it was cancelled: drop the frame */
    AC__RUN_FAILED,    /* complete already: the queue's reference is dropped, nothing to do */
    AC__RUN_DEALLOC,   /* the same, and it was the last reference: free it */
};

/* Tokio's transition_to_running, for a task taken from a run queue (holding its reference). */
static inline enum ac__run_outcome ac__state_to_running(ac_task *task)
{
    uint64_t s = atomic_load_explicit(&task->state_word, memory_order_acquire);
    uint64_t ns;
    do {
        if (s & AC__TS_COMPLETE)
            return ac__state_ref_dec(task) ? AC__RUN_DEALLOC : AC__RUN_FAILED;
        ns = (s & ~(uint64_t)AC__TS_NOTIFIED) | AC__TS_RUNNING;
    } while (!AC__TS_CAS(task, s, ns, memory_order_acq_rel, memory_order_acquire));
    return s & AC__TS_CANCELLED ? AC__RUN_CANCELLED : AC__RUN_SUCCESS;
}

enum ac__idle_outcome {
    AC__IDLE_OK,          /* released; the reference RUNNING held is dropped */
    AC__IDLE_OK_NOTIFIED, /* woken meanwhile: queue it again, with the reference RUNNING held */
    AC__IDLE_OK_DEALLOC,  /* released, and that reference was the last: free it */
};

/* Tokio's transition_to_idle: gives RUNNING back after a poll that returned AC_PENDING (or a
 * dump's reading of the frames). */
static inline enum ac__idle_outcome ac__state_to_idle(ac_task *task)
{
    uint64_t s = atomic_load_explicit(&task->state_word, memory_order_acquire);
    uint64_t ns;
    do {
        ns = s & ~(uint64_t)AC__TS_RUNNING;
        if (!(s & AC__TS_NOTIFIED))
            ns -= AC__TS_REF_ONE;
    } while (!AC__TS_CAS(task, s, ns, memory_order_acq_rel, memory_order_acquire));
    if (s & AC__TS_NOTIFIED)
        return AC__IDLE_OK_NOTIFIED;
    return AC__TS_REFS(ns) == 0 ? AC__IDLE_OK_DEALLOC : AC__IDLE_OK;
}

/* What the completion must do next; the run queue's reference is gone unless wake_joiner. */
struct ac__complete_outcome {
    bool wake_joiner;  /* join_waker is the caller's: wake it, then drop the reference kept */
    bool dealloc;      /* the reference dropped was the last: free the task */
    bool wake_blocker; /* a thread waits for it in ac__block_on */
};

/* Tokio's transition_to_complete: clears RUNNING and NOTIFIED, sets COMPLETE (and ABORTED when
 * the frame was dropped rather than finished). The result must be in the frame already. */
static inline struct ac__complete_outcome ac__state_to_complete(ac_task *task, bool aborted)
{
    uint64_t s = atomic_load_explicit(&task->state_word, memory_order_relaxed);
    uint64_t ns;
    bool has_waker;
    do {
        /* The reference goes in the same step, unless we must read the joiner's waker after
         * it: a joiner that sees COMPLETE may release its handle, and the task, at once. */
        has_waker = (s & AC__TS_JOIN_WAKER) && (s & AC__TS_JOIN_INTEREST);
        ns = (s & ~(uint64_t)(AC__TS_RUNNING | AC__TS_NOTIFIED)) | AC__TS_COMPLETE |
             (aborted ? AC__TS_ABORTED : 0);
        if (!has_waker)
            ns -= AC__TS_REF_ONE;
    } while (!AC__TS_CAS(task, s, ns, memory_order_acq_rel, memory_order_relaxed));
    return (struct ac__complete_outcome){
        .wake_joiner = has_waker,
        .dealloc = !has_waker && AC__TS_REFS(ns) == 0,
        .wake_blocker = (s & AC__TS_BLOCKER) != 0,
    };
}

/* Whether the task has finished (its result, or its cancellation, is final). */
static inline bool ac__state_is_complete(ac_task *task)
{
    return atomic_load_explicit(&task->state_word, memory_order_acquire) & AC__TS_COMPLETE;
}

/* ------------------------------------------------------------------------------------------ */
/* Dumps                                                                                      */

enum ac__inspect_outcome {
    AC__INSPECT_LOCKED,    /* idle: RUNNING and a reference are ours; ac__state_to_idle ends it */
    AC__INSPECT_RUNNING,   /* being polled */
    AC__INSPECT_SCHEDULED, /* in a run queue */
    AC__INSPECT_FINISHED,  /* complete, by returning */
    AC__INSPECT_ABORTED,   /* complete, by cancellation */
};

/* Takes RUNNING of an idle task so that nobody polls it while its frames are read, with a
 * reference of its own in the same step (a wake meanwhile may drop the last other one). */
static inline enum ac__inspect_outcome ac__state_inspect(ac_task *task)
{
    uint64_t s = atomic_load_explicit(&task->state_word, memory_order_acquire);
    for (;;) {
        if (s & AC__TS_COMPLETE)
            return s & AC__TS_ABORTED ? AC__INSPECT_ABORTED : AC__INSPECT_FINISHED;
        if (s & AC__TS_RUNNING)
            return AC__INSPECT_RUNNING;
        if (s & AC__TS_NOTIFIED)
            return AC__INSPECT_SCHEDULED;
        if (AC__TS_CAS(task, s, (s | AC__TS_RUNNING) + AC__TS_REF_ONE, memory_order_acq_rel,
                       memory_order_acquire))
            return AC__INSPECT_LOCKED;
    }
}

/* ------------------------------------------------------------------------------------------ */
/* The join handle                                                                            */

enum ac__join_outcome {
    AC__JOIN_PENDING, /* not finished */
    AC__JOIN_DONE,    /* finished by returning: the result is readable while the handle is held */
    AC__JOIN_ABORTED, /* finished by cancellation: no result */
    AC__JOIN_TAKEN,   /* finished, and the handle was the last reference: it and JOIN_INTEREST
                         are gone, the result is readable and the caller frees the task */
};

static inline enum ac__join_outcome ac__state_join_classify(uint64_t s)
{
    if (!(s & AC__TS_COMPLETE))
        return AC__JOIN_PENDING;
    return s & AC__TS_ABORTED ? AC__JOIN_ABORTED : AC__JOIN_DONE;
}

/* What a join finds now. */
static inline enum ac__join_outcome ac__state_join_peek(ac_task *task)
{
    return ac__state_join_classify(atomic_load_explicit(&task->state_word, memory_order_acquire));
}

/* The usual end of a join: the task finished by returning, and only the handle holds it. One
 * compare-and-swap then takes the handle's reference and JOIN_INTEREST (TAKEN); otherwise it
 * says what it found. The task's line is usually cold (it finished on another CPU, or long
 * ago): a load and then an atomic update would fetch it twice. */
static inline enum ac__join_outcome ac__state_join_take(ac_task *task)
{
    uint64_t expected = AC__TS_REF_ONE | AC__TS_COMPLETE | AC__TS_JOIN_INTEREST;
    if (atomic_compare_exchange_strong_explicit(&task->state_word, &expected, AC__TS_COMPLETE,
                                                memory_order_acq_rel, memory_order_acquire))
        return AC__JOIN_TAKEN;
    return ac__state_join_classify(expected);
}

enum ac__join_waker_outcome {
    AC__JOIN_WAKER_OK,       /* set (or unset): the joiner's waker is registered (or ours again) */
    AC__JOIN_WAKER_COMPLETE, /* the task is complete: setting, the waker is still ours (drop
                                it); unsetting, the completion took it */
};

/* Tokio's set_join_waker: publishes task->join_waker, which the caller wrote, unless the task
 * completed meanwhile. */
static inline enum ac__join_waker_outcome ac__state_set_join_waker(ac_task *task)
{
    uint64_t s = atomic_load_explicit(&task->state_word, memory_order_acquire);
    do {
        if (s & AC__TS_COMPLETE)
            return AC__JOIN_WAKER_COMPLETE;
    } while (!AC__TS_CAS(task, s, s | AC__TS_JOIN_WAKER, memory_order_acq_rel,
                         memory_order_acquire));
    return AC__JOIN_WAKER_OK;
}

/* Tokio's unset_waker: takes task->join_waker back for a join that is dropped. */
static inline enum ac__join_waker_outcome ac__state_unset_join_waker(ac_task *task)
{
    uint64_t s = atomic_load_explicit(&task->state_word, memory_order_acquire);
    do {
        if (s & AC__TS_COMPLETE)
            return AC__JOIN_WAKER_COMPLETE;
    } while (!AC__TS_CAS(task, s, s & ~(uint64_t)AC__TS_JOIN_WAKER, memory_order_acq_rel,
                         memory_order_acquire));
    return AC__JOIN_WAKER_OK;
}

/* Tokio's drop_join_handle: clears JOIN_INTEREST and drops the handle's reference in one step;
 * true when that was the last reference (the caller frees the task). */
static inline bool ac__state_drop_join_handle(ac_task *task)
{
    uint64_t s = atomic_load_explicit(&task->state_word, memory_order_relaxed), ns;
    do {
        ns = (s & ~(uint64_t)AC__TS_JOIN_INTEREST) - AC__TS_REF_ONE;
    } while (!AC__TS_CAS(task, s, ns, memory_order_acq_rel, memory_order_relaxed));
    return AC__TS_REFS(ns) == 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Handles tied to the task holding them (ac_task_scoped, arena.c)                            */

/* Ties the join handle to its holder's scope (or unties it: ac_task_group_add takes it). */
static inline void ac__state_set_scoped(ac_task *task, bool scoped)
{
    if (scoped)
        atomic_fetch_or_explicit(&task->state_word, AC__TS_SCOPED, memory_order_relaxed);
    else
        atomic_fetch_and_explicit(&task->state_word, ~(uint64_t)AC__TS_SCOPED, memory_order_relaxed);
}

/* Whether the join handle still exists and is still tied to its holder's scope. */
static inline bool ac__state_scope_holds(ac_task *task)
{
    uint64_t s = atomic_load_explicit(&task->state_word, memory_order_acquire);
    return (s & (AC__TS_JOIN_INTEREST | AC__TS_SCOPED)) == (AC__TS_JOIN_INTEREST | AC__TS_SCOPED);
}

/* The end of the holder's scope: a handle still tied to it is released as ac_task_detach
 * releases it (JOIN_INTEREST and its reference dropped in one step); true when that was the
 * last reference (the caller frees the task). A handle joined, detached, aborted or untied
 * before is left alone. */
static inline bool ac__state_scope_release(ac_task *task)
{
    const uint64_t held = AC__TS_JOIN_INTEREST | AC__TS_SCOPED;
    uint64_t s = atomic_load_explicit(&task->state_word, memory_order_relaxed), ns;
    do {
        if ((s & held) != held)
            return false;
        ns = (s & ~held) - AC__TS_REF_ONE;
    } while (!AC__TS_CAS(task, s, ns, memory_order_acq_rel, memory_order_relaxed));
    return AC__TS_REFS(ns) == 0;
}

#undef AC__TS_CAS

#endif
