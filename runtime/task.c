/* runtime/task.c: the task's life: allocation, the state word, references, wakers, running a
 * task on a worker, completion, abort and detach, and the registry of live tasks. */
#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include "asyncc/task.h"
#include "internal.h"

void ac__panic(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("asyncc: fatal: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    abort();
}

/* ------------------------------------------------------------------------------------------ */
/* Registry: sharded lists of every task that has been spawned and not freed.                 */

#define REGISTRY_SHARDS 64

static struct registry_shard {
    _Alignas(AC__CACHELINE) ac__spinlock lock; /* all zero: unlocked */
    ac_task *head;
} registry[REGISTRY_SHARDS];

static struct registry_shard *shard_of(ac_task *task)
{
    uintptr_t h = (uintptr_t)task >> 6;
    h ^= h >> 7;
    return &registry[h % REGISTRY_SHARDS];
}

void ac__registry_add(ac_task *task)
{
    struct registry_shard *s = shard_of(task);
    ac__spin_lock(&s->lock);
    task->all_prev = NULL;
    task->all_next = s->head;
    if (s->head)
        s->head->all_prev = task;
    s->head = task;
    ac__spin_unlock(&s->lock);
}

static void registry_remove(ac_task *task)
{
    struct registry_shard *s = shard_of(task);
    ac__spin_lock(&s->lock);
    if (task->all_prev)
        task->all_prev->all_next = task->all_next;
    else
        s->head = task->all_next;
    if (task->all_next)
        task->all_next->all_prev = task->all_prev;
    ac__spin_unlock(&s->lock);
}

void ac__registry_foreach(void (*fn)(ac_task *, void *), void *arg)
{
    for (unsigned i = 0; i < REGISTRY_SHARDS; i++) {
        ac__spin_lock(&registry[i].lock);
        for (ac_task *t = registry[i].head; t; t = t->all_next)
            fn(t, arg);
        ac__spin_unlock(&registry[i].lock);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* References                                                                                 */

static struct ac__worker_stats *stats_here(void)
{
    return ac__current ? &ac__current->stats : NULL;
}

static void count_outside_freed(void)
{
    struct ac__runtime *rt = ac__rt;
    if (!rt)
        return;
    atomic_fetch_add_explicit(&rt->outside.freed, 1, memory_order_relaxed);
}

static void task_free(ac_task *task)
{
    registry_remove(task);
    if (task->arena)
        ac__arena_destroy(task->arena);
    const ac_future_type *type = task->type;
    if (type->frame_align > 16)
        free(task);
    else
        ac__mem_free(task, ac__frame_offset(type) + type->frame_size);
    if (stats_here())
        AC__STAT_INC(ac__current, freed);
    else
        count_outside_freed();
}

void ac__task_ref(ac_task *task)
{
    atomic_fetch_add_explicit(&task->refs, 1, memory_order_relaxed);
}

void ac__task_unref(ac_task *task)
{
    if (atomic_fetch_sub_explicit(&task->refs, 1, memory_order_acq_rel) == 1)
        task_free(task);
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
    unsigned s = atomic_load_explicit(&task->state, memory_order_acquire);
    for (;;) {
        if (s & (AC__T_COMPLETE | AC__T_NOTIFIED)) {
            ac__task_unref(task);
            return;
        }
        unsigned ns = s | AC__T_NOTIFIED;
        if (atomic_compare_exchange_weak_explicit(&task->state, &s, ns, memory_order_acq_rel,
                                                  memory_order_acquire)) {
            if (s & AC__T_RUNNING) {
                /* The worker polling it sees NOTIFIED when the poll ends and queues it again
                 * with the run queue's reference; this waker's reference is not needed. */
                ac__task_unref(task);
            } else {
                ac__schedule(task, false); /* the queue takes the waker's reference */
            }
            return;
        }
    }
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
    size_t off = ac__frame_offset(type);
    size_t size = off + type->frame_size;
    size_t align = type->frame_align > 16 ? type->frame_align : 16;
    ac_task *task;
    if (align <= 16) {
        task = ac__mem_alloc(size);
    } else {
        task = aligned_alloc(align, (size + align - 1) & ~(align - 1));
        if (!task)
            ac__panic("out of memory allocating a task for %s (%zu bytes)", type->name, size);
    }
    atomic_init(&task->state, 0);
    atomic_init(&task->refs, 1);
    task->next = NULL;
    task->type = type;
    task->arena = NULL;
    task->owner = NULL;
    task->join_waker.task = NULL;
    task->all_prev = task->all_next = NULL;
    ((ac_frame *)((char *)task + off))->state = 0;
    *frame = (char *)task + off;
    return task;
}

static void count_spawn(struct ac__runtime *rt)
{
    if (ac__current && ac__current->rt == rt)
        AC__STAT_INC(ac__current, spawned);
    else
        atomic_fetch_add_explicit(&rt->outside.spawned, 1, memory_order_relaxed);
}

/* Publishes a new task: it holds the creator's reference as its join handle plus one for the
 * run queue. */
static void task_start(ac_task *task, unsigned extra_bits)
{
    struct ac__runtime *rt = ac__runtime_get();
    ac__registry_add(task);
    count_spawn(rt);
    atomic_store_explicit(&task->refs, 2, memory_order_relaxed);
    atomic_store_explicit(&task->state, AC__T_NOTIFIED | AC__T_JOIN_INTEREST | extra_bits,
                          memory_order_release);
    ac__schedule(task, false);
}

ac_task *ac__task_spawn(ac_task *task)
{
    task_start(task, 0);
    return task;
}

ac_task *ac__task_spawn_local(ac_task *task)
{
    if (!ac__current)
        return ac__task_spawn(task); /* outside a worker there is nothing to pin to */
    task->owner = ac__current;
    task_start(task, AC__T_LOCAL);
    return task;
}

/* Starts a task that a thread will wait for in ac__block_on (see runtime.c). */
void ac__task_start_blocker(ac_task *task);
void ac__task_start_blocker(ac_task *task)
{
    task_start(task, AC__T_BLOCKER);
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
        ac__arena_destroy(task->arena);
        task->arena = NULL;
    }
    unsigned s = atomic_load_explicit(&task->state, memory_order_relaxed);
    unsigned ns;
    do {
        ns = (s & ~(AC__T_RUNNING | AC__T_NOTIFIED)) | AC__T_COMPLETE |
             (aborted ? AC__T_ABORTED : 0);
    } while (!atomic_compare_exchange_weak_explicit(&task->state, &s, ns, memory_order_acq_rel,
                                                    memory_order_relaxed));
    if ((s & AC__T_JOIN_WAKER) && (s & AC__T_JOIN_INTEREST)) {
        /* The joiner can no longer clear JOIN_WAKER (COMPLETE is set): the waker is ours. */
        ac_waker w = task->join_waker;
        task->join_waker.task = NULL;
        ac_waker_wake(w);
    }
    if (s & AC__T_BLOCKER)
        wake_blocker(ac__rt);
    ac__task_unref(task);
}

void ac__task_run(struct ac__worker *w, ac_task *task)
{
    unsigned s = atomic_load_explicit(&task->state, memory_order_acquire);
    unsigned ns;
    do {
        if (s & AC__T_COMPLETE) {
            ac__task_unref(task);
            return;
        }
        ns = (s & ~AC__T_NOTIFIED) | AC__T_RUNNING;
    } while (!atomic_compare_exchange_weak_explicit(&task->state, &s, ns, memory_order_acq_rel,
                                                    memory_order_acquire));

    ac_cx cx = {.task = task, .worker = w, .budget = w->rt->config.budget};
    void *frame = ac__task_frame(task);
    AC__STAT_INC(w, polls);
    if (s & AC__T_CANCELLED) {
        task->type->drop(frame, &cx);
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
    if (ready == AC_READY) {
        task_complete(task, false);
        return;
    }
    s = atomic_load_explicit(&task->state, memory_order_acquire);
    do {
        ns = s & ~AC__T_RUNNING;
    } while (!atomic_compare_exchange_weak_explicit(&task->state, &s, ns, memory_order_acq_rel,
                                                    memory_order_acquire));
    if (s & AC__T_NOTIFIED)
        ac__schedule(task, true); /* woken during its poll: again, behind the others */
    else
        ac__task_unref(task);
}

void ac__task_shutdown_drop(ac_task *task)
{
    unsigned s = atomic_load_explicit(&task->state, memory_order_acquire);
    if (s & AC__T_COMPLETE)
        return;
    ac_cx cx = {.task = task, .worker = NULL, .budget = ~0u};
    task->type->drop(ac__task_frame(task), &cx);
    ac__task_ref(task); /* task_complete drops a run queue's reference that nobody holds here */
    task_complete(task, true);
}

/* ------------------------------------------------------------------------------------------ */
/* Handles                                                                                    */

/* Clears JOIN_INTEREST and drops the handle's reference. */
void ac__task_release_handle(ac_task *task);
void ac__task_release_handle(ac_task *task)
{
    atomic_fetch_and_explicit(&task->state, ~(unsigned)AC__T_JOIN_INTEREST, memory_order_acq_rel);
    ac__task_unref(task);
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
    unsigned s = atomic_load_explicit(&task->state, memory_order_acquire);
    for (;;) {
        if (s & (AC__T_COMPLETE | AC__T_CANCELLED))
            break;
        unsigned ns = s | AC__T_CANCELLED;
        bool submit = !(s & (AC__T_RUNNING | AC__T_NOTIFIED));
        ns |= AC__T_NOTIFIED;
        if (atomic_compare_exchange_weak_explicit(&task->state, &s, ns, memory_order_acq_rel,
                                                  memory_order_acquire)) {
            if (submit) {
                ac__task_ref(task);
                ac__schedule(task, false);
            }
            break;
        }
    }
}

void ac_task_abort(ac_task *task)
{
    if (!task)
        return;
    ac_task_cancel(task);
    ac__task_release_handle(task);
}
