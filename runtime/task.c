/* runtime/task.c: the task's life: allocation, the state word, references, wakers, running a
 * task on a worker, completion, abort and detach, and the registry of live tasks. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "asyncc/task.h"
#include "fork.h"
#include "nofork.h"
#include "task_state.h"
#include "worker.h"

/* ------------------------------------------------------------------------------------------ */
/* Memory and the registry of every task spawned and not yet freed.                          */

/* Most tasks are one block of the allocator's chunks, and the registry is a mark in its chunk
 * (alloc.c): one atomic bit flip to add and one to remove, no lock, and no write to the cold
 * cache lines of neighbouring tasks. The others (alignment above 16, frames too large for the
 * allocator's classes, every task under ASan) carry the links of a locked list in front of
 * their header. */
struct listed {
    struct listed *prev, *next;
};

static ac__spinlock listed_lock;
static struct listed *listed_head;

void ac__task_before_fork(void)
{
    ac__spin_lock(&listed_lock);
}

void ac__task_parent_after_fork(void)
{
    ac__spin_unlock(&listed_lock);
}

void ac__task_after_fork(void)
{
    ac__spin_init(&listed_lock);
}

/* Where the gdb extension (tools/gdb/asyncc-gdb.py) finds the listed tasks, and the layouts it
 * reads, without running code (in a core file too): 8-byte words, the version first; the
 * chunked tasks are in alloc.c's ac__debug_chunks. */
__attribute__((used)) const struct ac__debug_tasks {
    uint64_t version;
    struct listed **listed_head;
    uint64_t listed_size, listed_next;
    uint64_t task_size, task_state, task_type;
    uint64_t type_name, type_child, type_sites, type_nsites, type_frame_align;
    uint64_t site_size, site_file, site_line, site_callee;
    uint64_t ts_notified, ts_running, ts_complete, ts_cancelled, ts_aborted;
    void *(*leaf_child)(void *, const ac_future_type **); /* the child of every leaf future */
    uint64_t type_poll; /* a generated type's poll is in the file of its function's frame struct */
} ac__debug_tasks = {
    1, &listed_head, sizeof(struct listed), offsetof(struct listed, next),
    sizeof(ac_task), AC__TS_WORD_OFFSET, offsetof(ac_task, type),
    offsetof(ac_future_type, name), offsetof(ac_future_type, child), offsetof(ac_future_type, sites),
    offsetof(ac_future_type, nsites), offsetof(ac_future_type, frame_align),
    sizeof(ac_await_site), offsetof(ac_await_site, file), offsetof(ac_await_site, line),
    offsetof(ac_await_site, callee),
    AC__TS_NOTIFIED, AC__TS_RUNNING, AC__TS_COMPLETE, AC__TS_CANCELLED, AC__TS_ABORTED,
    ac__no_child,
    offsetof(ac_future_type, poll),
};
/* Threads walking the registry: a chunked task is not freed while one does. */
static _Atomic unsigned walkers;

static size_t task_size(const ac_future_type *type)
{
    return ac__frame_offset(type) + type->frame_size;
}

static bool is_chunked(const ac_future_type *type)
{
    return type->frame_align <= 16 && ac__mem_chunked(task_size(type));
}

/* The bytes in front of a listed task's header, which end with its links: room to keep the
 * header aligned. */
static size_t listed_prefix(const ac_future_type *type)
{
    return type->frame_align > 16 ? type->frame_align : 16;
}

static ac_task *task_alloc(const ac_future_type *type)
{
    size_t size = task_size(type);
    if (AC__LIKELY(is_chunked(type)))
        return ac__mem_alloc(size);
    size_t pre = listed_prefix(type), align = pre;
    char *raw = aligned_alloc(align, (pre + size + align - 1) & ~(align - 1));
    if (!raw)
        ac__panic("out of memory allocating a task for %s (%zu bytes)", type->name, size);
    return (ac_task *)(raw + pre);
}

/* Gives back what task_alloc gave. */
static void task_dealloc(ac_task *task)
{
    if (AC__LIKELY(is_chunked(task->type)))
        ac__mem_free(task, task_size(task->type));
    else
        free((char *)task - listed_prefix(task->type));
}

/* Publishes a task fully initialized (state and references set) to task dumps and shutdown. */
static void registry_add(ac_task *task)
{
    if (AC__LIKELY(is_chunked(task->type))) {
        ac__mem_mark(task);
        return;
    }
    struct listed *l = (struct listed *)task - 1;
    ac__spin_lock(&listed_lock);
    l->prev = NULL;
    l->next = listed_head;
    if (listed_head)
        listed_head->prev = l;
    listed_head = l;
    ac__spin_unlock(&listed_lock);
}

/* Withdraws a task from the registry: no walker looks at it once this returns. */
static void registry_remove(ac_task *task, bool chunked)
{
    if (AC__LIKELY(chunked)) {
        ac__mem_unmark(task);
        /* A walker that read the mark before it was cleared may still be looking at the task
         * (unmark and this load are seq_cst, as are the walker's increment and its reads). */
        for (unsigned n = 0; atomic_load_explicit(&walkers, memory_order_seq_cst); n++)
            ac__spin_backoff(n);
        return;
    }
    struct listed *l = (struct listed *)task - 1;
    ac__spin_lock(&listed_lock);
    if (l->prev)
        l->prev->next = l->next;
    else
        listed_head = l->next;
    if (l->next)
        l->next->prev = l->prev;
    ac__spin_unlock(&listed_lock);
}

struct walk {
    void (*fn)(ac_task *, void *);
    void *arg;
};

static void visit_marked(void *block, void *arg)
{
    struct walk *walk = arg;
    walk->fn(block, walk->arg);
}

void ac__registry_foreach(void (*fn)(ac_task *, void *), void *arg)
{
    /* A no-fork section: a dump gives a task its RUNNING bit back, and may queue it; and a
     * task's free, in a section, waits for the walkers. */
    ac__nofork_enter();
    struct walk walk = {fn, arg};
    atomic_fetch_add_explicit(&walkers, 1, memory_order_seq_cst);
    ac__mem_foreach_marked(visit_marked, &walk);
    atomic_fetch_sub_explicit(&walkers, 1, memory_order_seq_cst);
    ac__spin_lock(&listed_lock);
    for (struct listed *l = listed_head; l; l = l->next)
        fn((ac_task *)(l + 1), arg);
    ac__spin_unlock(&listed_lock);
    ac__nofork_leave();
}

/* ------------------------------------------------------------------------------------------ */
/* References                                                                                 */

static void count_outside_freed(void)
{
    struct ac__runtime *rt = ac__rt;
    if (!rt)
        return;
    atomic_fetch_add_explicit(&rt->outside.freed, 1, memory_order_relaxed);
}

void ac__task_free(ac_task *task)
{
    const ac_future_type *type = task->type;
    bool chunked = is_chunked(type);
    registry_remove(task, chunked);
    if (task->arena)
        ac__arena_destroy(task->arena);
    task_dealloc(task);
    struct ac__worker *w = ac__current;
    if (w)
        AC__STAT_INC(w, freed);
    else
        count_outside_freed();
}

void ac__task_ref(ac_task *task)
{
    ac__state_ref_inc(task);
}

bool ac__task_try_ref(ac_task *task)
{
    return ac__state_try_ref_inc(task);
}

void ac__task_unref(ac_task *task)
{
    if (ac__state_ref_dec(task))
        ac__task_free(task);
}

/* ------------------------------------------------------------------------------------------ */
/* Wakers                                                                                     */

ac_waker ac_cx_waker(ac_cx *cx)
{
    ac__task_ref(cx->task);
    return (ac_waker){cx->task};
}

void ac_waker_drop(ac_waker waker)
{
    if (waker.task)
        ac__task_unref(waker.task);
}

void ac_waker_wake(ac_waker waker)
{
    ac_task *task = waker.task;
    if (!task)
        return;
    /* NOTIFIED set and the task queued, in one no-fork section: a child that saw the bit
     * without the task in a queue would never run it again. */
    ac__nofork_enter();
    switch (ac__state_wake_by_val(task)) {
    case AC__WAKE_SUBMIT:
        ac__schedule(task, false);
        break;
    case AC__WAKE_DEALLOC:
        ac__task_free(task);
        break;
    case AC__WAKE_DO_NOTHING:
        break;
    }
    ac__nofork_leave();
}

void *ac__no_child(void *frame, const ac_future_type **type)
{
    (void)frame;
    *type = NULL;
    return NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Creation                                                                                   */

ac_task *ac__task_new(const ac_future_type *type, void **frame)
{
    ac_task *task = task_alloc(type);
    ac__state_init(task);
    task->type = type;
    task->join_waker.task = NULL;
    task->arena = NULL;
    void *f = ac__task_frame(task);
    ((ac_frame *)f)->state = 0;
    *frame = f;
    return task;
}

void ac__task_unspawned(ac_task **task)
{
    ac_task *t = *task;
    if (!t)
        return;
    task_dealloc(t); /* never published: not in the registry, not counted as spawned */
}

static void count_spawn(struct ac__runtime *rt)
{
    if (ac__current && ac__current->rt == rt)
        AC__STAT_INC(ac__current, spawned);
    else
        atomic_fetch_add_explicit(&rt->outside.spawned, 1, memory_order_relaxed);
}

/* Publishes a new task on rt: it holds the creator's reference as its join handle plus one for
 * the run queue. It enters the registry fully initialized (a dump sees it scheduled), and
 * before it is queued (it cannot be freed before it is added). */
static void task_start(struct ac__runtime *rt, ac_task *task, int pinned_worker, bool blocker)
{
    count_spawn(rt);
    ac__nofork_enter();
    ac__state_start(task, pinned_worker, blocker);
    registry_add(task);
    ac__schedule(task, false);
    ac__nofork_leave();
}

/* From a worker's task the runtime is running; from another thread, it passes the gate: while
 * a shutdown runs the task is refused (its frame dropped unpolled) and the handle is NULL. */
ac_task *ac__task_spawn(ac_task *task)
{
    if (AC__LIKELY(ac__current)) {
        task_start(ac__runtime_get(), task, -1, false);
        return task;
    }
    struct ac__runtime *rt = ac__gate_enter_starting();
    if (!rt) {
        ac__task_discard(task);
        return NULL;
    }
    task_start(rt, task, -1, false);
    ac__gate_leave();
    return task;
}

ac_task *ac__task_spawn_local(ac_task *task)
{
    if (!ac__current)
        return ac__task_spawn(task); /* outside a worker there is nothing to pin to */
    task_start(ac__runtime_get(), task, (int)ac__current->index, false);
    return task;
}

/* Starts a task that a thread will wait for in ac__block_on, which entered rt's gate (see
 * runtime.c). */
void ac__task_start_blocker(struct ac__runtime *rt, ac_task *task);
void ac__task_start_blocker(struct ac__runtime *rt, ac_task *task)
{
    task_start(rt, task, -1, true);
}

/* Frees a task that was never started (the runtime could not start, or is shutting down),
 * dropping its frame. Never published nor counted: no runtime is touched. */
void ac__task_discard(ac_task *task)
{
    ac_cx cx = {.task = task, .worker = NULL, .budget = ~0u};
    ac__drop(task->type, ac__task_frame(task), &cx);
    if (task->arena)
        ac__arena_destroy(task->arena);
    task_dealloc(task);
}

/* ------------------------------------------------------------------------------------------ */
/* Running                                                                                    */

static void wake_blocker(struct ac__runtime *rt)
{
    pthread_mutex_lock(&rt->block_lock);
    pthread_cond_broadcast(&rt->block_cond);
    pthread_mutex_unlock(&rt->block_lock);
}

/* Marks the task complete (clearing RUNNING), wakes its joiner, and drops the run queue's
 * reference. The frame is dead from here on; the result in it stays readable. */
static void task_complete(ac_task *task, bool aborted)
{
    if (task->arena) {
        ac__arena_end_scope(task->arena); /* the task's code is over: its scoped handles go */
        ac__arena_destroy(task->arena);
        task->arena = NULL;
    }
    struct ac__complete_outcome out = ac__state_to_complete(task, aborted);
    if (out.wake_blocker && !(AC__UNLIKELY(ac__rt->norphans) && ac__blocker_orphan_done(task)))
        wake_blocker(ac__rt);
    if (out.wake_joiner) {
        /* The joiner can no longer take its waker back (the task is complete): it is ours. */
        ac_waker w = task->join_waker;
        task->join_waker.task = NULL;
        ac_waker_wake(w);
        ac__task_unref(task);
    } else if (out.dealloc) {
        ac__task_free(task);
    }
}

/* Called in the worker's no-fork section, which it leaves for the poll (or drop) alone: a task
 * taken from a queue is RUNNING before a fork() may come, and its next state is set with the
 * queueing or the wakes that go with it. */
void ac__task_run(struct ac__worker *w, ac_task *task)
{
    enum ac__run_outcome run = ac__state_to_running(task);
    if (run == AC__RUN_DEALLOC)
        ac__task_free(task);
    if (run == AC__RUN_DEALLOC || run == AC__RUN_FAILED)
        return; /* complete already (dropped at shutdown while queued) */
    ac_cx cx = {.task = task, .worker = w, .budget = w->rt->config.budget};
    void *frame = ac__task_frame(task);
    AC__STAT_INC(w, polls);
    w->polling = task; /* for ac_task_scoped (polls never nest: ac_block_on refuses a task) */
    ac__nofork_leave();
    if (run == AC__RUN_CANCELLED) {
        ac__drop(task->type, frame, &cx);
        w->polling = NULL;
        ac__nofork_enter();
        task_complete(task, true);
        return;
    }
    int ready;
    if (AC__UNLIKELY(w->rt->slow_poll_ms)) {
        uint64_t start = ac__now_ms();
        ready = task->type->poll(frame, &cx);
        uint64_t took = ac__now_ms() - start;
        if (took >= w->rt->slow_poll_ms) {
            /* We still hold RUNNING, so the frame chain cannot change under us. */
            flockfile(stderr);
            fprintf(stderr, "asyncc: slow poll: task %p %s ran %llu ms without yielding, %s", (void *)task,
                    task->type->name, (unsigned long long)took, ready ? "and finished" : "then stopped");
            if (!ready)
                ac__dump_chain(stderr, task->type, frame);
            fputc('\n', stderr);
            funlockfile(stderr);
        }
    } else {
        ready = task->type->poll(frame, &cx);
    }
    w->polling = NULL;
    ac__nofork_enter();
    if (ready == AC_READY) {
        task_complete(task, false);
        return;
    }
    switch (ac__state_to_idle(task)) {
    case AC__IDLE_OK_NOTIFIED:
        ac__schedule(task, true); /* woken during its poll: behind the others */
        break;
    case AC__IDLE_OK_DEALLOC:
        ac__task_free(task);
        break;
    case AC__IDLE_OK:
        break;
    }
}

void ac__task_shutdown_drop(ac_task *task)
{
    if (ac__state_is_complete(task))
        return;
    ac_cx cx = {.task = task, .worker = NULL, .budget = ~0u};
    ac__drop(task->type, ac__task_frame(task), &cx);
    ac__task_ref(task); /* task_complete drops a run queue's reference that nobody holds here */
    task_complete(task, true);
}

/* ------------------------------------------------------------------------------------------ */
/* Handles                                                                                    */

/* Clears JOIN_INTEREST and drops the handle's reference, in one step. */
void ac__task_release_handle(ac_task *task)
{
    if (ac__state_drop_join_handle(task))
        ac__task_free(task);
}

void ac_task_detach(ac_task *task)
{
    if (task)
        ac__task_release_handle(task);
}

void ac_task_cancel(ac_task *task)
{
    if (!task)
        return;
    ac__nofork_enter();
    if (ac__state_cancel(task) == AC__WAKE_SUBMIT)
        ac__schedule(task, false);
    ac__nofork_leave();
}

void ac_task_abort(ac_task *task)
{
    if (!task)
        return;
    ac_task_cancel(task);
    ac__task_release_handle(task);
}
