/* runtime/queue.c: run queues. The per-worker local queue is Tokio's bounded ring buffer (one
 * producer, many stealers, steal half); the injection queue is a locked FIFO shared by all. */
#include <string.h>

#include "alloc.h"
#include "queue.h"

#define HALF (AC__LOCAL_QUEUE_CAP / 2)

static inline uint64_t pack(uint32_t steal, uint32_t real)
{
    return ((uint64_t)steal << 32) | real;
}
static inline uint32_t unpack_steal(uint64_t h)
{
    return (uint32_t)(h >> 32);
}

void ac__local_init(struct ac__local_queue *q)
{
    atomic_init(&q->head, 0);
    atomic_init(&q->tail, 0);
    q->seen_steal = 0;
    for (unsigned i = 0; i < AC__LOCAL_QUEUE_CAP; i++)
        atomic_init(&q->buffer[i], NULL);
}

static inline void slot_put(struct ac__local_queue *q, uint32_t pos, ac_task *t)
{
    atomic_store_explicit(&q->buffer[pos & AC__LOCAL_QUEUE_MASK], t, memory_order_relaxed);
}
static inline ac_task *slot_get(struct ac__local_queue *q, uint32_t pos)
{
    return atomic_load_explicit(&q->buffer[pos & AC__LOCAL_QUEUE_MASK], memory_order_relaxed);
}

/* Moves half of a full queue plus task to the injection queue. Fails (returns false) when a
 * stealer changed head meanwhile; the caller retries. */
static bool push_overflow(struct ac__local_queue *q, ac_task *task, uint32_t head,
                          struct ac__inject *overflow)
{
    uint64_t prev = pack(head, head);
    if (!atomic_compare_exchange_strong_explicit(&q->head, &prev, pack(head + HALF, head + HALF),
                                                 memory_order_release, memory_order_relaxed))
        return false;
    ac_task *batch[HALF + 1];
    for (uint32_t i = 0; i < HALF; i++)
        batch[i] = slot_get(q, head + i);
    batch[HALF] = task;
    ac__inject_push_batch(overflow, batch, HALF + 1);
    return true;
}

void ac__local_push_slow(struct ac__local_queue *q, ac_task *task, struct ac__inject *overflow)
{
    uint32_t tail;
    for (;;) {
        uint64_t head = atomic_load_explicit(&q->head, memory_order_acquire);
        uint32_t steal = unpack_steal(head), real = ac__local_unpack_real(head);
        q->seen_steal = steal;
        tail = atomic_load_explicit(&q->tail, memory_order_relaxed);
        if (tail - steal < AC__LOCAL_QUEUE_CAP) {
            slot_put(q, tail, task);
            atomic_store_explicit(&q->tail, tail + 1, memory_order_release);
            return;
        }
        if (steal != real) {
            /* A stealer is taking tasks: they will free room soon, but not now. */
            ac__inject_push(overflow, task);
            return;
        }
        if (push_overflow(q, task, real, overflow))
            return;
    }
}

ac_task *ac__local_pop(struct ac__local_queue *q)
{
    uint64_t head = atomic_load_explicit(&q->head, memory_order_acquire);
    for (;;) {
        uint32_t steal = unpack_steal(head), real = ac__local_unpack_real(head);
        uint32_t tail = atomic_load_explicit(&q->tail, memory_order_relaxed);
        if (real == tail)
            return NULL;
        uint32_t next_real = real + 1;
        uint64_t next = steal == real ? pack(next_real, next_real) : pack(steal, next_real);
        if (atomic_compare_exchange_weak_explicit(&q->head, &head, next, memory_order_acq_rel,
                                                  memory_order_acquire))
            return slot_get(q, real);
    }
}

/* Claims about half of src's tasks and copies them to dst starting at dst_tail; returns how
 * many were copied (dst's tail is not published here). */
static uint32_t steal_into2(struct ac__local_queue *src, struct ac__local_queue *dst,
                            uint32_t dst_tail)
{
    uint64_t prev = atomic_load_explicit(&src->head, memory_order_acquire);
    uint64_t next;
    uint32_t n;
    for (;;) {
        uint32_t steal = unpack_steal(prev), real = ac__local_unpack_real(prev);
        uint32_t src_tail = atomic_load_explicit(&src->tail, memory_order_acquire);
        if (steal != real)
            return 0; /* someone else is stealing */
        n = src_tail - real;
        n -= n / 2;
        if (n == 0)
            return 0;
        next = pack(steal, real + n);
        if (atomic_compare_exchange_weak_explicit(&src->head, &prev, next, memory_order_acq_rel,
                                                  memory_order_acquire))
            break;
    }
    uint32_t first = unpack_steal(next);
    for (uint32_t i = 0; i < n; i++)
        slot_put(dst, dst_tail + i, slot_get(src, first + i));
    /* Release the claim: steal catches up with real. */
    prev = next;
    for (;;) {
        uint32_t real = ac__local_unpack_real(prev);
        if (atomic_compare_exchange_weak_explicit(&src->head, &prev, pack(real, real),
                                                  memory_order_acq_rel, memory_order_acquire))
            return n;
    }
}

ac_task *ac__local_steal(struct ac__local_queue *src, struct ac__local_queue *dst)
{
    uint32_t dst_tail = atomic_load_explicit(&dst->tail, memory_order_relaxed);
    uint32_t dst_steal = unpack_steal(atomic_load_explicit(&dst->head, memory_order_acquire));
    if (dst_tail - dst_steal > HALF)
        return NULL; /* no room for half of another queue */
    uint32_t n = steal_into2(src, dst, dst_tail);
    if (n == 0)
        return NULL;
    n--;
    ac_task *ret = slot_get(dst, dst_tail + n);
    if (n)
        atomic_store_explicit(&dst->tail, dst_tail + n, memory_order_release);
    return ret;
}

/* ------------------------------------------------------------------------------------------ */

/* The injection queue is a list of segments of task pointers: queueing a task writes nothing
 * into it (no link in its cold cache line), a batch moves with memcpy, and a long queue (a task
 * spawning a million at once) costs 8 bytes a task, allocated as it grows, never copied. One
 * emptied segment is kept for reuse. */

void ac__inject_init(struct ac__inject *q)
{
    ac__spin_init(&q->lock);
    q->head = q->tail = q->spare = NULL;
    q->head_i = q->tail_i = 0;
    atomic_init(&q->len, 0);
}

static void seg_free(struct ac__inject_seg *seg)
{
    ac__mem_free(seg, sizeof *seg);
}

void ac__inject_destroy(struct ac__inject *q)
{
    while (q->head) {
        struct ac__inject_seg *next = q->head->next;
        seg_free(q->head);
        q->head = next;
    }
    if (q->spare)
        seg_free(q->spare);
    q->tail = q->spare = NULL;
    q->head_i = q->tail_i = 0;
}

void ac__inject_push_batch(struct ac__inject *q, ac_task *const *tasks, size_t n)
{
    ac__spin_lock(&q->lock);
    size_t len = atomic_load_explicit(&q->len, memory_order_relaxed) + n;
    while (n) {
        if (!q->tail || q->tail_i == AC__INJECT_SEG) {
            struct ac__inject_seg *seg = q->spare;
            if (seg)
                q->spare = NULL;
            else
                seg = ac__mem_alloc(sizeof *seg);
            seg->next = NULL;
            if (q->tail)
                q->tail->next = seg;
            else
                q->head = seg;
            q->tail = seg;
            q->tail_i = 0;
        }
        size_t k = AC__INJECT_SEG - q->tail_i < n ? AC__INJECT_SEG - q->tail_i : n;
        memcpy(q->tail->items + q->tail_i, tasks, k * sizeof *tasks);
        q->tail_i += k;
        tasks += k;
        n -= k;
    }
    atomic_store_explicit(&q->len, len, memory_order_seq_cst);
    ac__spin_unlock(&q->lock);
}

void ac__inject_push(struct ac__inject *q, ac_task *task)
{
    ac__inject_push_batch(q, &task, 1);
}

size_t ac__inject_pop_batch(struct ac__inject *q, size_t max, ac_task **tasks)
{
    if (ac__inject_is_empty(q))
        return 0;
    ac__spin_lock(&q->lock);
    size_t len = atomic_load_explicit(&q->len, memory_order_relaxed);
    size_t got = 0;
    while (got < max && got < len) {
        if (q->head_i == AC__INJECT_SEG) { /* not the tail: len says more tasks follow */
            struct ac__inject_seg *old = q->head;
            q->head = old->next;
            q->head_i = 0;
            if (q->spare)
                seg_free(old);
            else
                q->spare = old;
        }
        size_t end = q->head == q->tail ? q->tail_i : AC__INJECT_SEG;
        size_t k = end - q->head_i;
        if (k > max - got)
            k = max - got;
        memcpy(tasks + got, q->head->items + q->head_i, k * sizeof *tasks);
        q->head_i += k;
        got += k;
    }
    if (got == len) /* empty: start over at the head of the same segment */
        q->head_i = q->tail_i = 0;
    atomic_store_explicit(&q->len, len - got, memory_order_relaxed);
    ac__spin_unlock(&q->lock);
    return got;
}

ac_task *ac__inject_pop(struct ac__inject *q)
{
    ac_task *t;
    return ac__inject_pop_batch(q, 1, &t) ? t : NULL;
}
