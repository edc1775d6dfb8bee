/* runtime/queue.h: the run queues (queue.c): each worker's local queue, which others steal from,
 * and the locked injection queue for tasks woken from outside a worker or overflowing a local one. */
#ifndef ASYNCC_RUNTIME_QUEUE_H
#define ASYNCC_RUNTIME_QUEUE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "asyncc/future.h"
#include "util.h"

#define AC__LOCAL_QUEUE_CAP 256u
#define AC__LOCAL_QUEUE_MASK (AC__LOCAL_QUEUE_CAP - 1)

/* Tokio's local queue: single producer (the owner), many stealers. head packs (steal, real). */
struct ac__local_queue {
    _Alignas(AC__CACHELINE) _Atomic uint64_t head;
    _Alignas(AC__CACHELINE) _Atomic uint32_t tail;
    /* The owner's last reading of head's steal half: a push that finds room by it (steal only
     * grows) need not read head, whose line stealers keep taking from the owner's cache. */
    uint32_t seen_steal;
    _Alignas(AC__CACHELINE) ac_task *_Atomic buffer[AC__LOCAL_QUEUE_CAP];
};

/* A locked FIFO of tasks (a list of segments of pointers), with a lock-free length. */
#define AC__INJECT_SEG 1023 /* a segment is 8 KiB */
struct ac__inject_seg {
    struct ac__inject_seg *next;
    ac_task *items[AC__INJECT_SEG];
};

struct ac__inject {
    ac__spinlock lock;
    struct ac__inject_seg *head, *tail, *spare;
    size_t head_i, tail_i; /* next to pop in head, next free slot in tail */
    _Atomic size_t len;    /* written under the lock */
};


void ac__local_init(struct ac__local_queue *q);

/* The small calls of the local queue are inline: the worker makes several of them between
 * every two polls (echo: about 60 instructions per request went to calling them). */

/* head's real half: the next task to pop. */
static inline uint32_t ac__local_unpack_real(uint64_t head)
{
    return (uint32_t)head;
}

static inline unsigned ac__local_len(struct ac__local_queue *q)
{
    uint64_t head = atomic_load_explicit(&q->head, memory_order_acquire);
    uint32_t tail = atomic_load_explicit(&q->tail, memory_order_acquire);
    return tail - ac__local_unpack_real(head);
}

static inline bool ac__local_is_empty(struct ac__local_queue *q)
{
    return ac__local_len(q) == 0;
}

/* Owner only: how many tasks have left the queue (run, stolen or moved to the injection
 * queue) and how many have entered it, counting from its start (wrapping): once taken has
 * reached what added was at some moment, every task queued then has left. */
static inline uint32_t ac__local_taken(struct ac__local_queue *q)
{
    return ac__local_unpack_real(atomic_load_explicit(&q->head, memory_order_relaxed));
}

static inline uint32_t ac__local_added(struct ac__local_queue *q)
{
    return atomic_load_explicit(&q->tail, memory_order_relaxed);
}

/* ac__local_push when the owner's last reading of head says the queue may be full. */
void ac__local_push_slow(struct ac__local_queue *q, ac_task *task, struct ac__inject *overflow);

/* Owner only: appends, moving half the queue to the injection queue when full. */
static inline void ac__local_push(struct ac__local_queue *q, ac_task *task,
                                  struct ac__inject *overflow)
{
    uint32_t tail = atomic_load_explicit(&q->tail, memory_order_relaxed);
    if (AC__UNLIKELY(tail - q->seen_steal >= AC__LOCAL_QUEUE_CAP)) {
        ac__local_push_slow(q, task, overflow);
        return;
    }
    /* The acquire load that saw seen_steal ordered the stealers' reads of the slots below it
     * before this write. */
    atomic_store_explicit(&q->buffer[tail & AC__LOCAL_QUEUE_MASK], task, memory_order_relaxed);
    atomic_store_explicit(&q->tail, tail + 1, memory_order_release);
}

ac_task *ac__local_pop(struct ac__local_queue *q);

/* Owner only: the task that the ahead-th pop from now would return, or NULL; a hint for
 * prefetching (a stealer may take it meanwhile). */
static inline ac_task *ac__local_peek(struct ac__local_queue *q, unsigned ahead)
{
    uint32_t real = ac__local_taken(q);
    uint32_t tail = atomic_load_explicit(&q->tail, memory_order_relaxed);
    if (tail - real <= ahead)
        return NULL;
    return atomic_load_explicit(&q->buffer[(real + ahead) & AC__LOCAL_QUEUE_MASK],
                                memory_order_relaxed);
}
/* Steals about half of src into dst (owned by the caller); returns one task to run or NULL. */
ac_task *ac__local_steal(struct ac__local_queue *src, struct ac__local_queue *dst);

void ac__inject_init(struct ac__inject *q);
/* Frees the queue's memory (the tasks in it are the caller's business). */
void ac__inject_destroy(struct ac__inject *q);
void ac__inject_push(struct ac__inject *q, ac_task *task);
void ac__inject_push_batch(struct ac__inject *q, ac_task *const *tasks, size_t n);
ac_task *ac__inject_pop(struct ac__inject *q);
/* Pops up to max tasks into tasks[]; returns how many. */
size_t ac__inject_pop_batch(struct ac__inject *q, size_t max, ac_task **tasks);

static inline bool ac__inject_is_empty(struct ac__inject *q)
{
    return atomic_load_explicit(&q->len, memory_order_acquire) == 0;
}

#endif
