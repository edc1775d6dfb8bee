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
bool ac__local_is_empty(struct ac__local_queue *q);
unsigned ac__local_len(struct ac__local_queue *q);
/* Owner only: how many tasks have left the queue (run, stolen or moved to the injection
 * queue) and how many have entered it, counting from its start (wrapping): once taken has
 * reached what added was at some moment, every task queued then has left. */
uint32_t ac__local_taken(struct ac__local_queue *q);
uint32_t ac__local_added(struct ac__local_queue *q);
/* Owner only: appends, moving half the queue to the injection queue when full. */
void ac__local_push(struct ac__local_queue *q, ac_task *task, struct ac__inject *overflow);
ac_task *ac__local_pop(struct ac__local_queue *q);
/* Owner only: the task that the ahead-th pop from now would return, or NULL; a hint for
 * prefetching (a stealer may take it meanwhile). */
ac_task *ac__local_peek(struct ac__local_queue *q, unsigned ahead);
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
