/* runtime/rwlock.c: the read-write lock (a FIFO semaphore where a reader takes one permit and a
 * writer all of them, as in Tokio) and the barrier (a count and a waiter queue per round). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "asyncc/sync.h"
#include "nofork.h"
#include "sync.h"
#include "task.h"

/* ------------------------------------------------------------------------------------------ */
/* Read-write lock                                                                            */

#define MAX_READERS ((size_t)1 << 30)

struct ac_rwlock {
    struct ac_semaphore sem;
};

ac_rwlock *ac_rwlock_new(void)
{
    ac_rwlock *l = malloc(sizeof *l);
    if (!l)
        return NULL;
    ac__semaphore_init(&l->sem, MAX_READERS);
    return l;
}

void ac_rwlock_free(ac_rwlock *l)
{
    if (!l)
        return;
    ac__semaphore_destroy(&l->sem);
    free(l);
}

int ac_rwlock_try_read(ac_rwlock *l)
{
    return ac_semaphore_try_acquire(&l->sem, 1) ? -EBUSY : 0;
}

int ac_rwlock_try_write(ac_rwlock *l)
{
    return ac_semaphore_try_acquire(&l->sem, MAX_READERS) ? -EBUSY : 0;
}

void ac_rwlock_read_unlock(ac_rwlock *l)
{
    ac_semaphore_release(&l->sem, 1);
}

void ac_rwlock_write_unlock(ac_rwlock *l)
{
    ac_semaphore_release(&l->sem, MAX_READERS);
}

AC__LEAF_TYPE_VOID(ac_rwlock_read, struct ac__acquire_frame, ac__acquire_poll, ac__acquire_drop,
                   "read lock");
AC_EXPORT void ac__init_ac_rwlock_read(void *frame, ac_rwlock *l);
void ac__init_ac_rwlock_read(void *frame, ac_rwlock *l)
{
    ac__acquire_init(frame, &l->sem, 1);
}

AC__LEAF_TYPE_VOID(ac_rwlock_write, struct ac__acquire_frame, ac__acquire_poll, ac__acquire_drop,
                   "write lock");
AC_EXPORT void ac__init_ac_rwlock_write(void *frame, ac_rwlock *l);
void ac__init_ac_rwlock_write(void *frame, ac_rwlock *l)
{
    ac__acquire_init(frame, &l->sem, MAX_READERS);
}

/* ------------------------------------------------------------------------------------------ */
/* Barrier                                                                                    */

struct ac_barrier {
    ac__spinlock lock;
    size_t n, arrived;
    struct ac__waitq waiters; /* this round's */
};

ac_barrier *ac_barrier_new(size_t n)
{
    ac_barrier *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    ac__spin_init(&b->lock);
    b->n = n ? n : 1;
    return b;
}

void ac_barrier_free(ac_barrier *b)
{
    if (!b)
        return;
    if (b->waiters.head)
        ac__panic("freeing a barrier that tasks are waiting on");
    free(b);
}

struct barrier_frame {
    unsigned state; /* 0, 1: waiting, DONE */
    int ret;
    ac_barrier *b;
    struct ac__waiter waiter;
};

static int barrier_poll(void *frame, ac_cx *cx)
{
    struct barrier_frame *f = frame;
    ac_barrier *b = f->b;
    /* Released: done without b's lock (the leader may have freed b since). */
    if (f->state == 1) {
        if (!ac__waiter_granted(&f->waiter))
            return AC_PENDING;
        f->ret = 0;
        ac__coop_charge(cx);
        f->state = AC_STATE_DONE;
        return AC_READY;
    }
    if (!ac__coop_check(cx)) /* the last to arrive completes at once */
        return AC_PENDING;
    struct ac__wakelist wake;
    ac__wakelist_init(&wake);
    ac__sync_lock(&b->lock);
    if (++b->arrived < b->n) {
        memset(&f->waiter, 0, sizeof f->waiter);
        f->waiter.waker = ac_cx_waker(cx);
        ac__waitq_push(&b->waiters, &f->waiter);
        f->state = 1;
        ac__sync_unlock(&b->lock);
        return AC_PENDING;
    }
    f->ret = 1; /* the last to arrive leads and releases the round */
    struct ac__waiter *w;
    while ((w = b->waiters.head))
        ac__wakelist_push(&wake, ac__waiter_dequeue(&b->waiters, w, 1));
    b->arrived = 0;
    ac__sync_unlock(&b->lock);
    ac__wakelist_wake(&wake);
    ac__coop_charge(cx);
    f->state = AC_STATE_DONE;
    return AC_READY;
}

static void barrier_drop(void *frame, ac_cx *cx)
{
    (void)cx;
    struct barrier_frame *f = frame;
    ac_waker w = {NULL};
    if (f->state == 1 && !ac__waiter_granted(&f->waiter)) {
        ac__sync_lock(&f->b->lock);
        if (f->waiter.queued) { /* still waiting: leave the round */
            ac__waitq_remove(&f->b->waiters, &f->waiter);
            f->b->arrived--;
            w = f->waiter.waker;
        }
        ac__sync_unlock(&f->b->lock);
    }
    ac_waker_drop(w);
    f->state = AC_STATE_DONE;
}

AC__LEAF_TYPE(ac_barrier_wait, struct barrier_frame, ret, barrier_poll, barrier_drop, "barrier");

AC_EXPORT void ac__init_ac_barrier_wait(void *frame, ac_barrier *b);
void ac__init_ac_barrier_wait(void *frame, ac_barrier *b)
{
    struct barrier_frame *f = frame;
    f->state = 0;
    f->ret = 0;
    f->b = b;
}
