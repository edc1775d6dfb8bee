/* runtime/notify.c: ac_notify (Tokio's Notify): notify_one hands one waiter a notification or
 * stores a permit, notify_all wakes the current waiters and those enabled before it (a count of
 * its calls, as Tokio's notify_waiters); a dropped chosen waiter passes its notification on. */
#include <stdlib.h>
#include <string.h>

#include "asyncc/sync.h"
#include "nofork.h"
#include "sync.h"
#include "task.h"

struct ac_notify {
    ac__spinlock lock;
    bool permit;
    unsigned long long generation; /* ac_notify_all calls so far */
    struct ac__waitq waiters;
};

enum { BY_ONE = 1, BY_ALL = 2 };

ac_notify *ac_notify_new(void)
{
    ac_notify *n = calloc(1, sizeof *n);
    if (!n)
        return NULL;
    ac__spin_init(&n->lock);
    return n;
}

void ac_notify_free(ac_notify *n)
{
    if (!n)
        return;
    if (n->waiters.head)
        ac__panic("freeing a notify that tasks are waiting on");
    free(n);
}

/* With the lock held: gives one notification to the first waiter, or stores it. */
static ac_waker notify_one_locked(ac_notify *n)
{
    struct ac__waiter *first = n->waiters.head;
    if (first)
        return ac__waiter_dequeue(&n->waiters, first, BY_ONE);
    n->permit = true;
    return (ac_waker){NULL};
}

void ac_notify_one(ac_notify *n)
{
    ac__sync_lock(&n->lock);
    ac_waker w = notify_one_locked(n);
    ac__sync_unlock(&n->lock);
    ac_waker_wake(w);
}

void ac_notify_all(ac_notify *n)
{
    struct ac__wakelist wake;
    ac__wakelist_init(&wake);
    ac__sync_lock(&n->lock);
    n->generation++;
    struct ac__waiter *w;
    while ((w = n->waiters.head))
        ac__wakelist_push(&wake, ac__waiter_dequeue(&n->waiters, w, BY_ALL));
    ac__sync_unlock(&n->lock);
    ac__wakelist_wake(&wake);
}

ac_notified ac_notify_enable(ac_notify *n)
{
    /* Under the lock: an ac_notify_all either comes after this reading (the wait sees the
     * count change) or before it, and then so does whatever its caller did before it. */
    ac__sync_lock(&n->lock);
    ac_notified interest = {n, n->generation};
    ac__sync_unlock(&n->lock);
    return interest;
}

struct wait_frame {
    unsigned state;
    bool enabled; /* ac_notified_wait: an ac_notify_all since `generation` completes it */
    ac_notify *n;
    unsigned long long generation;
    struct ac__waiter waiter;
};

static int wait_poll(void *frame, ac_cx *cx)
{
    struct wait_frame *f = frame;
    ac_notify *n = f->n;
    /* Woken: done without n's lock (whoever notified may have freed n since). Else a spurious
     * poll, and the waker stays queued. */
    if (f->state == 1) {
        if (!ac__waiter_granted(&f->waiter))
            return AC_PENDING;
        f->state = AC_STATE_DONE;
        return AC_READY;
    }
    if (!ac__coop_check(cx)) /* a stored permit completes it at once */
        return AC_PENDING;
    ac__sync_lock(&n->lock);
    if (f->enabled && n->generation != f->generation) {
        /* notified by ac_notify_all since ac_notify_enable */
    } else if (n->permit) {
        n->permit = false;
    } else {
        memset(&f->waiter, 0, sizeof f->waiter);
        f->waiter.waker = ac_cx_waker(cx);
        ac__waitq_push(&n->waiters, &f->waiter);
        f->state = 1;
        ac__sync_unlock(&n->lock);
        return AC_PENDING;
    }
    ac__sync_unlock(&n->lock);
    ac__coop_charge(cx);
    f->state = AC_STATE_DONE;
    return AC_READY;
}

static void wait_drop(void *frame, ac_cx *cx)
{
    (void)cx;
    struct wait_frame *f = frame;
    if (f->state != 1)
        return;
    f->state = AC_STATE_DONE;
    if (ac__waiter_granted(&f->waiter) == BY_ALL)
        return; /* nothing to pass on, and n may be freed */
    ac_notify *n = f->n;
    ac_waker mine = {NULL}, next = {NULL};
    ac__sync_lock(&n->lock);
    if (f->waiter.queued) {
        ac__waitq_remove(&n->waiters, &f->waiter);
        mine = f->waiter.waker;
    } else if (ac__waiter_granted(&f->waiter) == BY_ONE) {
        next = notify_one_locked(n); /* the notification was ours: pass it on */
    }
    ac__sync_unlock(&n->lock);
    ac_waker_drop(mine);
    ac_waker_wake(next);
}

AC__LEAF_TYPE_VOID(ac_notify_wait, struct wait_frame, wait_poll, wait_drop, "notify");

AC_EXPORT void ac__init_ac_notify_wait(void *frame, ac_notify *n);
void ac__init_ac_notify_wait(void *frame, ac_notify *n)
{
    struct wait_frame *f = frame;
    f->state = 0;
    f->enabled = false;
    f->n = n;
}

AC__LEAF_TYPE_VOID(ac_notified_wait, struct wait_frame, wait_poll, wait_drop, "notify");

AC_EXPORT void ac__init_ac_notified_wait(void *frame, ac_notified interest);
void ac__init_ac_notified_wait(void *frame, ac_notified interest)
{
    struct wait_frame *f = frame;
    f->state = 0;
    f->enabled = true;
    f->n = interest.notify;
    f->generation = interest.generation;
}
