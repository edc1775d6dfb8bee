/* runtime/sync.h: the waiter queue shared by the semaphore, notify and channels: waiters live in
 * the frames of the futures that wait, linked under the primitive's lock. */
#ifndef ASYNCC_RUNTIME_SYNC_H
#define ASYNCC_RUNTIME_SYNC_H

#include "asyncc/sync.h"
#include "util.h"

struct ac__waiter {
    struct ac__waiter *next, *prev;
    ac_waker waker;
    size_t need;
    /* How the wait ended (0: not yet), set by ac__waiter_dequeue under the primitive's lock and
     * read by the waiting task without it: a woken task completes its wait without touching
     * the primitive, which its waker may free as soon as nobody is queued on it. */
    _Atomic int granted;
    bool queued;
};

struct ac__waitq {
    struct ac__waiter *head, *tail;
};

static inline void ac__waitq_push(struct ac__waitq *q, struct ac__waiter *w)
{
    w->next = NULL;
    w->prev = q->tail;
    if (q->tail)
        q->tail->next = w;
    else
        q->head = w;
    q->tail = w;
    w->queued = true;
}

static inline void ac__waitq_remove(struct ac__waitq *q, struct ac__waiter *w)
{
    if (w->prev)
        w->prev->next = w->next;
    else
        q->head = w->next;
    if (w->next)
        w->next->prev = w->prev;
    else
        q->tail = w->prev;
    w->next = w->prev = NULL;
    w->queued = false;
}

/* Takes w out of q with its outcome granted (nonzero), and gives back its waker for the caller
 * to wake. granted is written last: once it is set the waiting task may see it in a poll, end
 * its wait and free its frame (and the primitive) without taking the lock. */
static inline ac_waker ac__waiter_dequeue(struct ac__waitq *q, struct ac__waiter *w, int granted)
{
    ac__waitq_remove(q, w);
    ac_waker waker = w->waker;
    w->waker.task = NULL;
    atomic_store_explicit(&w->granted, granted, memory_order_release);
    return waker;
}

/* The outcome of the caller's own wait (0: still waiting, or being dequeued). */
static inline int ac__waiter_granted(struct ac__waiter *w)
{
    return atomic_load_explicit(&w->granted, memory_order_acquire);
}

/* Wakers collected under a lock and woken after it is released. */
struct ac__wakelist {
    ac_waker small[16];
    ac_waker *items;
    size_t len, cap;
};

/* Starts an empty list without writing the inline array (what `= {0}` would cost each time). */
static inline void ac__wakelist_init(struct ac__wakelist *l)
{
    l->items = NULL;
    l->len = l->cap = 0;
}

/* Moves the waker out of *slot (leaving it empty) into the list. When the list is full and cannot
 * grow for lack of memory, the waker is woken at once, under the caller's lock: scheduling takes
 * no primitive's lock, so that only holds the lock longer. The slot is emptied first because
 * the woken task may run (and free its frame) as soon as its waiter node is unlocked. */
void ac__wakelist_take(struct ac__wakelist *l, ac_waker *slot);
/* The same for a waker already taken out (ac__waiter_dequeue's). */
void ac__wakelist_push(struct ac__wakelist *l, ac_waker w);
void ac__wakelist_wake(struct ac__wakelist *l);

struct ac_semaphore {
    ac__spinlock lock;
    size_t permits;
    bool closed;
    struct ac__waitq waiters;
};

void ac__semaphore_init(struct ac_semaphore *sem, size_t permits);
void ac__semaphore_destroy(struct ac_semaphore *sem);

/* The acquire future's frame, embedded by the mutex and channel futures. */
struct ac__acquire_frame {
    unsigned state;
    int ret;
    struct ac_semaphore *sem;
    struct ac__waiter waiter;
};

void ac__acquire_init(struct ac__acquire_frame *f, struct ac_semaphore *sem, size_t n);
int ac__acquire_poll(void *frame, ac_cx *cx);
void ac__acquire_drop(void *frame, ac_cx *cx);

#endif
