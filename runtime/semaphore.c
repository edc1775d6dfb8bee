/* runtime/semaphore.c: the FIFO async semaphore and the mutex built on it, with their hand-written
 * futures (ac_semaphore_acquire, ac_mutex_lock), and the wake list used by every primitive. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "asyncc/sync.h"
#include "nofork.h"
#include "sync.h"
#include "task.h"

/* ------------------------------------------------------------------------------------------ */
/* Wake lists                                                                                 */

void ac__wakelist_take(struct ac__wakelist *l, ac_waker *slot)
{
    ac_waker w = *slot;
    slot->task = NULL;
    ac__wakelist_push(l, w);
}

void ac__wakelist_push(struct ac__wakelist *l, ac_waker w)
{
    if (!l->items) {
        l->items = l->small;
        l->cap = 16;
    }
    if (l->len == l->cap) {
        size_t cap = l->cap * 2;
        ac_waker *items = malloc(cap * sizeof *items);
        if (!items) {
            ac_waker_wake(w); /* out of memory: woken now rather than lost (see sync.h) */
            return;
        }
        memcpy(items, l->items, l->len * sizeof *items);
        if (l->items != l->small)
            free(l->items);
        l->items = items;
        l->cap = cap;
    }
    l->items[l->len++] = w;
}

void ac__wakelist_wake(struct ac__wakelist *l)
{
    for (size_t i = 0; i < l->len; i++)
        ac_waker_wake(l->items[i]);
    if (l->items && l->items != l->small)
        free(l->items);
    l->items = NULL;
    l->len = l->cap = 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Semaphore                                                                                  */

void ac__semaphore_init(struct ac_semaphore *sem, size_t permits)
{
    ac__spin_init(&sem->lock);
    sem->permits = permits;
    sem->closed = false;
    sem->waiters.head = sem->waiters.tail = NULL;
}

void ac__semaphore_destroy(struct ac_semaphore *sem)
{
    if (sem->waiters.head)
        ac__panic("freeing a semaphore or mutex that tasks are waiting on");
}

ac_semaphore *ac_semaphore_new(size_t permits)
{
    ac_semaphore *sem = malloc(sizeof *sem);
    if (!sem)
        return NULL;
    ac__semaphore_init(sem, permits);
    return sem;
}

void ac_semaphore_free(ac_semaphore *sem)
{
    if (!sem)
        return;
    ac__semaphore_destroy(sem);
    free(sem);
}

/* Grants permits to waiters in order while they fit. Called with the lock held. */
static void grant(ac_semaphore *sem, struct ac__wakelist *wake)
{
    struct ac__waiter *w;
    while ((w = sem->waiters.head) && w->need <= sem->permits) {
        sem->permits -= w->need;
        ac__wakelist_push(wake, ac__waiter_dequeue(&sem->waiters, w, 1));
    }
}

void ac_semaphore_release(ac_semaphore *sem, size_t n)
{
    struct ac__wakelist wake;
    ac__wakelist_init(&wake);
    ac__sync_lock(&sem->lock);
    sem->permits = n > SIZE_MAX - sem->permits ? SIZE_MAX : sem->permits + n;
    grant(sem, &wake);
    ac__sync_unlock(&sem->lock);
    ac__wakelist_wake(&wake);
}

int ac_semaphore_try_acquire(ac_semaphore *sem, size_t n)
{
    int r;
    ac__sync_lock(&sem->lock);
    if (sem->closed) {
        r = -EPIPE;
    } else if (!sem->waiters.head && sem->permits >= n) {
        sem->permits -= n;
        r = 0;
    } else {
        r = -EAGAIN;
    }
    ac__sync_unlock(&sem->lock);
    return r;
}

void ac_semaphore_close(ac_semaphore *sem)
{
    struct ac__wakelist wake;
    ac__wakelist_init(&wake);
    ac__sync_lock(&sem->lock);
    sem->closed = true;
    struct ac__waiter *w;
    while ((w = sem->waiters.head))
        ac__wakelist_push(&wake, ac__waiter_dequeue(&sem->waiters, w, -1));
    ac__sync_unlock(&sem->lock);
    ac__wakelist_wake(&wake);
}

size_t ac_semaphore_available(ac_semaphore *sem)
{
    ac__sync_lock(&sem->lock);
    size_t n = sem->permits;
    ac__sync_unlock(&sem->lock);
    return n;
}

/* ------------------------------------------------------------------------------------------ */
/* The acquire future                                                                         */

void ac__acquire_init(struct ac__acquire_frame *f, struct ac_semaphore *sem, size_t n)
{
    f->state = 0;
    f->ret = 0;
    f->sem = sem;
    memset(&f->waiter, 0, sizeof f->waiter);
    f->waiter.need = n;
}

/* A poll of a queued acquire: done once granted (or closed), without the semaphore's lock,
 * which its releaser may have freed by now. */
static int acquire_woken(struct ac__acquire_frame *f)
{
    int granted = ac__waiter_granted(&f->waiter);
    if (!granted)
        return AC_PENDING; /* a spurious poll: the waker stays queued */
    f->ret = granted > 0 ? 0 : -EPIPE;
    f->state = AC_STATE_DONE;
    return AC_READY;
}

int ac__acquire_poll(void *frame, ac_cx *cx)
{
    struct ac__acquire_frame *f = frame;
    ac_semaphore *sem = f->sem;
    if (f->state == 1)
        return acquire_woken(f);
    /* A first poll may complete at once (permits there, or closed): it needs the budget, so
     * that a loop over an uncontended lock yields in time. */
    if (!ac__coop_check(cx))
        return AC_PENDING;
    ac__sync_lock(&sem->lock);
    if (sem->closed) {
        f->ret = -EPIPE;
    } else if (!sem->waiters.head && sem->permits >= f->waiter.need) {
        sem->permits -= f->waiter.need;
        f->ret = 0;
    } else {
        f->waiter.waker = ac_cx_waker(cx);
        ac__waitq_push(&sem->waiters, &f->waiter);
        f->state = 1;
        ac__sync_unlock(&sem->lock);
        return AC_PENDING;
    }
    ac__sync_unlock(&sem->lock);
    ac__coop_charge(cx);
    f->state = AC_STATE_DONE;
    return AC_READY;
}

void ac__acquire_drop(void *frame, ac_cx *cx)
{
    (void)cx;
    struct ac__acquire_frame *f = frame;
    if (f->state != 1)
        return;
    f->state = AC_STATE_DONE;
    if (ac__waiter_granted(&f->waiter) < 0)
        return; /* closed: nothing to give back, and the semaphore may be freed */
    ac_semaphore *sem = f->sem;
    struct ac__wakelist wake;
    ac__wakelist_init(&wake);
    ac_waker mine = {NULL};
    ac__sync_lock(&sem->lock);
    if (f->waiter.queued) {
        ac__waitq_remove(&sem->waiters, &f->waiter);
        mine = f->waiter.waker;
        f->waiter.waker.task = NULL;
        grant(sem, &wake); /* we may have been blocking smaller requests behind us */
    } else if (ac__waiter_granted(&f->waiter) > 0) {
        sem->permits += f->waiter.need; /* granted but never used: pass the permits on */
        grant(sem, &wake);
    }
    ac__sync_unlock(&sem->lock);
    ac_waker_drop(mine);
    ac__wakelist_wake(&wake);
}

AC__LEAF_TYPE(ac_semaphore_acquire, struct ac__acquire_frame, ret, ac__acquire_poll, ac__acquire_drop, "semaphore");

AC_EXPORT void ac__init_ac_semaphore_acquire(void *frame, ac_semaphore *sem, size_t n);
void ac__init_ac_semaphore_acquire(void *frame, ac_semaphore *sem, size_t n)
{
    ac__acquire_init(frame, sem, n);
}

/* ------------------------------------------------------------------------------------------ */
/* Mutex                                                                                      */

struct ac_mutex {
    struct ac_semaphore sem;
};

ac_mutex *ac_mutex_new(void)
{
    ac_mutex *m = malloc(sizeof *m);
    if (!m)
        return NULL;
    ac__semaphore_init(&m->sem, 1);
    return m;
}

void ac_mutex_free(ac_mutex *m)
{
    if (!m)
        return;
    ac__semaphore_destroy(&m->sem);
    free(m);
}

int ac_mutex_try_lock(ac_mutex *m)
{
    return ac_semaphore_try_acquire(&m->sem, 1) ? -EBUSY : 0;
}

void ac_mutex_unlock(ac_mutex *m)
{
    ac_semaphore_release(&m->sem, 1);
}

AC__LEAF_TYPE_VOID(ac_mutex_lock, struct ac__acquire_frame, ac__acquire_poll, ac__acquire_drop, "mutex");

AC_EXPORT void ac__init_ac_mutex_lock(void *frame, ac_mutex *m);
void ac__init_ac_mutex_lock(void *frame, ac_mutex *m)
{
    ac__acquire_init(frame, &m->sem, 1);
}
