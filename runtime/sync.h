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
    int granted; /* written under the primitive's lock */
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
