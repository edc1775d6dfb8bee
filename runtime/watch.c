/* runtime/watch.c: the watch channel: one value with a version number under a lock; each
 * receiver remembers the version it saw and parks its waker until a newer one is sent; the
 * user's clone and drop functions for values that own something. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "asyncc/channel.h"
#include "nofork.h"
#include "sync.h"
#include "task.h"

struct ac_watch_rx {
    struct ac_watch_rx *next, *prev;
    ac_watch *w;
    uint64_t seen;
    ac_waker waker;
};

struct ac_watch {
    ac__spinlock lock;
    uint64_t version;
    bool closed; /* the sender */
    unsigned receivers;
    ac_watch_rx *rxs;
    void (*clone)(void *elem); /* on each copy handed to a receiver, under the lock */
    void (*drop)(void *elem);  /* on a value the channel holds no more */
    size_t elem_size;
    unsigned char value[];
};

ac_watch *ac_watch_new(size_t elem_size, const void *initial)
{
    if (elem_size > SIZE_MAX - sizeof(ac_watch))
        return NULL;
    ac_watch *w = calloc(1, sizeof *w + elem_size);
    if (!w)
        return NULL;
    ac__spin_init(&w->lock);
    w->elem_size = elem_size;
    if (initial)
        memcpy(w->value, initial, elem_size);
    return w;
}

void ac_watch_set_drop(ac_watch *w, void (*clone)(void *elem), void (*drop)(void *elem))
{
    ac__sync_lock(&w->lock);
    w->clone = clone;
    w->drop = drop;
    ac__sync_unlock(&w->lock);
}

/* With the lock held: frees the channel when both sides are gone (and unlocks). */
static void unlock_maybe_free(ac_watch *w)
{
    bool gone = w->closed && w->receivers == 0;
    ac__sync_unlock(&w->lock);
    if (!gone)
        return;
    if (w->drop)
        w->drop(w->value);
    free(w);
}

/* With the lock held: copies the current value to out, a copy the receiver owns (none when out
 * is NULL: the caller only marks the version seen). */
static void copy_out(ac_watch *w, void *out)
{
    if (!out)
        return;
    ac__copy(out, w->value, w->elem_size);
    if (w->clone)
        w->clone(out);
}

ac_watch_rx *ac_watch_subscribe(ac_watch *w)
{
    ac_watch_rx *rx = calloc(1, sizeof *rx);
    if (!rx)
        return NULL;
    rx->w = w;
    ac__sync_lock(&w->lock);
    rx->seen = w->version;
    rx->next = w->rxs;
    if (rx->next)
        rx->next->prev = rx;
    w->rxs = rx;
    w->receivers++;
    ac__sync_unlock(&w->lock);
    return rx;
}

/* With the lock held: collects the wakers of every receiver waiting. */
static void collect(ac_watch *w, struct ac__wakelist *wake)
{
    for (ac_watch_rx *rx = w->rxs; rx; rx = rx->next) {
        if (rx->waker.task) {
            ac__wakelist_take(wake, &rx->waker);
        }
    }
}

int ac_watch_send(ac_watch *w, const void *elem)
{
    struct ac__wakelist wake;
    ac__wakelist_init(&wake);
    ac__sync_lock(&w->lock);
    if (w->drop)
        w->drop(w->value);
    ac__copy(w->value, elem, w->elem_size);
    w->version++;
    collect(w, &wake);
    int n = (int)w->receivers;
    ac__sync_unlock(&w->lock);
    ac__wakelist_wake(&wake);
    return n;
}

void ac_watch_close(ac_watch *w)
{
    struct ac__wakelist wake;
    ac__wakelist_init(&wake);
    ac__sync_lock(&w->lock);
    w->closed = true;
    collect(w, &wake);
    unlock_maybe_free(w);
    ac__wakelist_wake(&wake);
}

void ac_watch_borrow(ac_watch_rx *rx, void *out)
{
    ac_watch *w = rx->w;
    ac__sync_lock(&w->lock);
    copy_out(w, out);
    rx->seen = w->version;
    ac__sync_unlock(&w->lock);
}

void ac_watch_rx_close(ac_watch_rx *rx)
{
    ac_watch *w = rx->w;
    ac__sync_lock(&w->lock);
    if (rx->prev)
        rx->prev->next = rx->next;
    else
        w->rxs = rx->next;
    if (rx->next)
        rx->next->prev = rx->prev;
    w->receivers--;
    ac_waker waker = rx->waker;
    unlock_maybe_free(w);
    ac_waker_drop(waker);
    free(rx);
}

struct changed_frame {
    unsigned state;
    int ret;
    ac_watch_rx *rx;
    void *out;
};

static int changed_poll(void *frame, ac_cx *cx)
{
    struct changed_frame *f = frame;
    ac_watch_rx *rx = f->rx;
    ac_watch *w = rx->w;
    if (!ac__coop_check(cx)) /* checked before the value is taken */
        return AC_PENDING;
    ac_waker old = {NULL};
    ac__sync_lock(&w->lock);
    bool fresh = rx->seen != w->version;
    if (fresh) {
        rx->seen = w->version;
        copy_out(w, f->out);
    } else if (!w->closed) {
        old = rx->waker;
        rx->waker = ac_cx_waker(cx);
    }
    bool closed = w->closed;
    ac__sync_unlock(&w->lock);
    ac_waker_drop(old);
    if (!fresh && !closed) {
        f->state = 1;
        return AC_PENDING;
    }
    ac__coop_charge(cx);
    f->ret = fresh ? 0 : -EPIPE;
    f->state = AC_STATE_DONE;
    return AC_READY;
}

static void changed_drop(void *frame, ac_cx *cx)
{
    (void)cx;
    struct changed_frame *f = frame;
    if (f->state == 1) {
        ac_watch *w = f->rx->w;
        ac__sync_lock(&w->lock);
        ac_waker waker = f->rx->waker;
        f->rx->waker.task = NULL;
        ac__sync_unlock(&w->lock);
        ac_waker_drop(waker);
    }
    f->state = AC_STATE_DONE;
}

AC__LEAF_TYPE(ac_watch_changed, struct changed_frame, ret, changed_poll, changed_drop, "watch");

AC_EXPORT void ac__init_ac_watch_changed(void *frame, ac_watch_rx *rx, void *out);
void ac__init_ac_watch_changed(void *frame, ac_watch_rx *rx, void *out)
{
    struct changed_frame *f = frame;
    f->state = 0;
    f->ret = 0;
    f->rx = rx;
    f->out = out;
}
