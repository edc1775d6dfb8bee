/* runtime/broadcast.c: the broadcast channel: a ring of the last capacity values with sequence
 * numbers; each receiver has its own position and falls behind (lags) rather than blocking; the
 * user's clone and drop functions for values that own something. */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "asyncc/channel.h"
#include "nofork.h"
#include "sync.h"
#include "task.h"

struct ac_broadcast {
    ac__spinlock lock;
    size_t elem_size, capacity;
    uint64_t next_seq; /* sequence number of the next value sent */
    unsigned receivers;
    bool sender_open;
    struct ac__waitq waiters;
    void (*clone)(void *elem); /* on each copy handed to a receiver, under the lock */
    void (*drop)(void *elem);  /* on a value the ring holds no more */
    unsigned char *buf;
};

struct ac_broadcast_rx {
    ac_broadcast *b;
    uint64_t next; /* the next sequence number this receiver wants */
};

ac_broadcast *ac_broadcast_new(size_t elem_size, size_t capacity)
{
    if (capacity == 0)
        capacity = 1;
    if (elem_size && capacity > (SIZE_MAX - 1) / elem_size)
        return NULL;
    ac_broadcast *b = calloc(1, sizeof *b);
    unsigned char *buf = malloc(elem_size * capacity + 1);
    if (!b || !buf) {
        free(b);
        free(buf);
        return NULL;
    }
    ac__spin_init(&b->lock);
    b->elem_size = elem_size;
    b->capacity = capacity;
    b->sender_open = true;
    b->buf = buf;
    return b;
}

void ac_broadcast_set_drop(ac_broadcast *b, void (*clone)(void *elem), void (*drop)(void *elem))
{
    ac__sync_lock(&b->lock);
    b->clone = clone;
    b->drop = drop;
    ac__sync_unlock(&b->lock);
}

static unsigned char *slot(ac_broadcast *b, uint64_t seq)
{
    return b->buf + (seq % b->capacity) * b->elem_size;
}

/* The sequence number of the oldest value in the ring. */
static uint64_t oldest_seq(const ac_broadcast *b)
{
    return b->next_seq > b->capacity ? b->next_seq - b->capacity : 0;
}

/* With the lock held: frees the channel when nothing refers to it any more (and unlocks),
 * dropping the values still in the ring. */
static void unlock_maybe_free(ac_broadcast *b)
{
    bool gone = !b->sender_open && b->receivers == 0;
    ac__sync_unlock(&b->lock);
    if (!gone)
        return;
    for (uint64_t seq = oldest_seq(b); b->drop && seq < b->next_seq; seq++)
        b->drop(slot(b, seq));
    free(b->buf);
    free(b);
}

ac_broadcast_rx *ac_broadcast_subscribe(ac_broadcast *b)
{
    ac_broadcast_rx *rx = malloc(sizeof *rx);
    if (!rx)
        return NULL;
    ac__sync_lock(&b->lock);
    rx->b = b;
    rx->next = b->next_seq;
    b->receivers++;
    ac__sync_unlock(&b->lock);
    return rx;
}

static void wake_all_locked(ac_broadcast *b, struct ac__wakelist *wake)
{
    struct ac__waiter *w;
    while ((w = b->waiters.head))
        ac__wakelist_push(wake, ac__waiter_dequeue(&b->waiters, w, 1));
}

int ac_broadcast_send(ac_broadcast *b, const void *elem)
{
    struct ac__wakelist wake;
    ac__wakelist_init(&wake);
    ac__sync_lock(&b->lock);
    if (b->receivers == 0) {
        ac__sync_unlock(&b->lock);
        return -EPIPE;
    }
    if (b->drop && b->next_seq >= b->capacity) /* the oldest value leaves the ring */
        b->drop(slot(b, b->next_seq));
    ac__copy(slot(b, b->next_seq), elem, b->elem_size);
    b->next_seq++;
    int n = (int)b->receivers;
    wake_all_locked(b, &wake);
    ac__sync_unlock(&b->lock);
    ac__wakelist_wake(&wake);
    return n;
}

void ac_broadcast_close(ac_broadcast *b)
{
    struct ac__wakelist wake;
    ac__wakelist_init(&wake);
    ac__sync_lock(&b->lock);
    b->sender_open = false;
    wake_all_locked(b, &wake);
    unlock_maybe_free(b);
    ac__wakelist_wake(&wake);
}

void ac_broadcast_rx_close(ac_broadcast_rx *rx)
{
    ac_broadcast *b = rx->b;
    ac__sync_lock(&b->lock);
    b->receivers--;
    unlock_maybe_free(b);
    free(rx);
}

struct recv_frame {
    unsigned state;
    int ret;
    ac_broadcast_rx *rx;
    void *out;
    struct ac__waiter waiter;
};

static int recv_poll(void *frame, ac_cx *cx)
{
    struct recv_frame *f = frame;
    ac_broadcast_rx *rx = f->rx;
    ac_broadcast *b = rx->b;
    if (f->state == 0 && !ac__coop_check(cx)) /* a value there completes it at once */
        return AC_PENDING;
    ac__sync_lock(&b->lock);
    if (f->waiter.queued) { /* a spurious poll: keep waiting where we are */
        ac__sync_unlock(&b->lock);
        return AC_PENDING;
    }
    uint64_t oldest = oldest_seq(b);
    if (rx->next < oldest) {
        /* More than INT_MAX lost are reported over several calls: the count stays exact and
         * never wraps into a -errno or a 0 that would pass for a value. */
        uint64_t lost = oldest - rx->next;
        f->ret = lost > INT_MAX ? INT_MAX : (int)lost;
        rx->next += (uint64_t)f->ret;
    } else if (rx->next < b->next_seq) {
        ac__copy(f->out, slot(b, rx->next), b->elem_size);
        if (b->clone)
            b->clone(f->out);
        rx->next++;
        f->ret = 0;
    } else if (!b->sender_open) {
        f->ret = -EPIPE;
    } else {
        memset(&f->waiter, 0, sizeof f->waiter);
        f->waiter.waker = ac_cx_waker(cx);
        ac__waitq_push(&b->waiters, &f->waiter);
        f->state = 1;
        ac__sync_unlock(&b->lock);
        return AC_PENDING;
    }
    ac__sync_unlock(&b->lock);
    ac__coop_charge(cx);
    f->state = AC_STATE_DONE;
    return AC_READY;
}

static void recv_drop(void *frame, ac_cx *cx)
{
    (void)cx;
    struct recv_frame *f = frame;
    if (f->state == 1) {
        ac_broadcast *b = f->rx->b;
        ac_waker w = {NULL};
        ac__sync_lock(&b->lock);
        if (f->waiter.queued) {
            ac__waitq_remove(&b->waiters, &f->waiter);
            w = f->waiter.waker;
        }
        ac__sync_unlock(&b->lock);
        ac_waker_drop(w);
    }
    f->state = AC_STATE_DONE;
}

AC__LEAF_TYPE(ac_broadcast_recv, struct recv_frame, ret, recv_poll, recv_drop, "broadcast value");

AC_EXPORT void ac__init_ac_broadcast_recv(void *frame, ac_broadcast_rx *rx, void *out);
void ac__init_ac_broadcast_recv(void *frame, ac_broadcast_rx *rx, void *out)
{
    struct recv_frame *f = frame;
    f->state = 0;
    f->ret = 0;
    f->rx = rx;
    f->out = out;
    memset(&f->waiter, 0, sizeof f->waiter);
}
