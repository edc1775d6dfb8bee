/* runtime/mpsc.c: the mpsc channel and the oneshot: a ring buffer under a lock, free slots
 * counted by an async semaphore (so a waiting send is FIFO and cancellation-safe); an unbounded
 * channel's ring grows instead; send permits; drop functions for discarded values. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "asyncc/channel.h"
#include "nofork.h"
#include "sync.h"
#include "task.h"

struct ac_mpsc {
    struct ac_semaphore slots; /* free slots; closed when the receiver closes */
    ac__spinlock lock;
    size_t elem_size, capacity, head, count;
    unsigned senders;
    bool receiver_open, unbounded;
    ac_waker rx_waker;
    void (*drop)(void *elem); /* for values discarded with the receiver */
    unsigned char *buf;
};

/* An unbounded channel's semaphore never runs out: sends take a permit and receives return it. */
#define UNBOUNDED_PERMITS ((size_t)1 << 62)

ac_mpsc *ac_mpsc_new(size_t elem_size, size_t capacity)
{
    if (capacity == 0)
        capacity = 1;
    if (elem_size && capacity > (SIZE_MAX - 1) / elem_size)
        return NULL;
    ac_mpsc *ch = calloc(1, sizeof *ch);
    unsigned char *buf = malloc(elem_size * capacity + 1);
    if (!ch || !buf) {
        free(ch);
        free(buf);
        return NULL;
    }
    ac__semaphore_init(&ch->slots, capacity);
    ac__spin_init(&ch->lock);
    ch->elem_size = elem_size;
    ch->capacity = capacity;
    ch->senders = 1;
    ch->receiver_open = true;
    ch->buf = buf;
    return ch;
}

ac_mpsc *ac_mpsc_unbounded_new(size_t elem_size)
{
    ac_mpsc *ch = ac_mpsc_new(elem_size, 16);
    if (!ch)
        return NULL;
    ch->unbounded = true;
    ac_semaphore_release(&ch->slots, UNBOUNDED_PERMITS - 16);
    return ch;
}

void ac_mpsc_set_drop(ac_mpsc *ch, void (*drop)(void *elem))
{
    ac__sync_lock(&ch->lock);
    ch->drop = drop;
    ac__sync_unlock(&ch->lock);
}

static void mpsc_free(ac_mpsc *ch)
{
    ac__semaphore_destroy(&ch->slots);
    free(ch->buf);
    free(ch);
}

void ac_mpsc_sender_clone(ac_mpsc *ch)
{
    ac__sync_lock(&ch->lock);
    ch->senders++;
    ac__sync_unlock(&ch->lock);
}

void ac_mpsc_sender_close(ac_mpsc *ch)
{
    ac__sync_lock(&ch->lock);
    if (ch->senders == 0)
        ac__panic("ac_mpsc_sender_close: no sender left to close");
    unsigned left = --ch->senders;
    bool gone = left == 0 && !ch->receiver_open;
    ac_waker w = {NULL};
    if (left == 0) {
        w = ch->rx_waker;
        ch->rx_waker.task = NULL;
    }
    ac__sync_unlock(&ch->lock);
    ac_waker_wake(w);
    if (gone)
        mpsc_free(ch);
}

void ac_mpsc_receiver_close(ac_mpsc *ch)
{
    ac_semaphore_close(&ch->slots); /* waiting senders get -EPIPE */
    ac__sync_lock(&ch->lock);
    ch->receiver_open = false;
    /* The buffered values are dropped in place after the lock is released (the drop function
     * may take locks of its own): with the receiver closed nothing writes the ring any more,
     * and a sender reference taken here keeps the channel alive while they are dropped. */
    size_t n = ch->drop ? ch->count : 0, head = ch->head;
    ch->count = 0;
    if (n)
        ch->senders++;
    bool gone = ch->senders == 0;
    ac_waker w = ch->rx_waker;
    ch->rx_waker.task = NULL;
    ac__sync_unlock(&ch->lock);
    ac_waker_drop(w);
    if (gone)
        mpsc_free(ch);
    if (n) {
        for (size_t i = 0; i < n; i++)
            ch->drop(ch->buf + (head + i) % ch->capacity * ch->elem_size);
        ac_mpsc_sender_close(ch);
    }
}

/* With the lock held: doubles an unbounded channel's ring, its values moved to the front.
 * Returns 0, or -ENOMEM (the ring is left as it was). */
static int grow(ac_mpsc *ch)
{
    size_t cap = ch->capacity * 2;
    unsigned char *buf = cap > (SIZE_MAX - 1) / (ch->elem_size ? ch->elem_size : 1)
                             ? NULL : malloc(cap * ch->elem_size + 1);
    if (!buf)
        return -ENOMEM;
    for (size_t i = 0; i < ch->count; i++)
        memcpy(buf + i * ch->elem_size,
               ch->buf + (ch->head + i) % ch->capacity * ch->elem_size, ch->elem_size);
    free(ch->buf);
    ch->buf = buf;
    ch->capacity = cap;
    ch->head = 0;
    return 0;
}

/* Copies a value into a slot the caller holds a permit for; wakes the receiver. Returns 0,
 * -EPIPE, or -ENOMEM when an unbounded channel's ring could not grow (the permit is still the
 * caller's). */
static int push(ac_mpsc *ch, const void *elem)
{
    ac__sync_lock(&ch->lock);
    int r = !ch->receiver_open ? -EPIPE : ch->count == ch->capacity ? grow(ch) : 0;
    if (r) { /* (only an unbounded channel gets here full) */
        ac__sync_unlock(&ch->lock);
        return r;
    }
    size_t tail = (ch->head + ch->count) % ch->capacity;
    ac__copy(ch->buf + tail * ch->elem_size, elem, ch->elem_size);
    ch->count++;
    ac_waker w = ch->rx_waker;
    ch->rx_waker.task = NULL;
    ac__sync_unlock(&ch->lock);
    ac_waker_wake(w);
    return 0;
}

/* Sends with a permit just taken, which a failure to grow the ring gives back. */
static int push_or_release(ac_mpsc *ch, const void *elem)
{
    int r = push(ch, elem);
    if (r == -ENOMEM)
        ac_semaphore_release(&ch->slots, 1);
    return r;
}

int ac_mpsc_try_send(ac_mpsc *ch, const void *elem)
{
    int r = ac_semaphore_try_acquire(&ch->slots, 1);
    return r ? r : push_or_release(ch, elem);
}

/* Takes a value if there is one: 0, -EAGAIN or -EPIPE. With the lock held. */
static int pop_locked(ac_mpsc *ch, void *out)
{
    if (ch->count) {
        ac__copy(out, ch->buf + ch->head * ch->elem_size, ch->elem_size);
        ch->head = (ch->head + 1) % ch->capacity;
        ch->count--;
        return 0;
    }
    return ch->senders == 0 ? -EPIPE : -EAGAIN;
}

int ac_mpsc_try_recv(ac_mpsc *ch, void *out)
{
    ac__sync_lock(&ch->lock);
    int r = pop_locked(ch, out);
    ac__sync_unlock(&ch->lock);
    if (r == 0)
        ac_semaphore_release(&ch->slots, 1);
    return r;
}

/* ------------------------------------------------------------------------------------------ */
/* send                                                                                       */

struct send_frame {
    unsigned state;
    int ret;
    ac_mpsc *ch;
    const void *elem;
    struct ac__acquire_frame acquire;
};

static int send_poll(void *frame, ac_cx *cx)
{
    struct send_frame *f = frame;
    if (f->state == 0) {
        ac__acquire_init(&f->acquire, &f->ch->slots, 1);
        f->state = 1;
    }
    if (ac__acquire_poll(&f->acquire, cx) == AC_PENDING)
        return AC_PENDING;
    f->ret = f->acquire.ret ? f->acquire.ret : push_or_release(f->ch, f->elem);
    f->state = AC_STATE_DONE;
    return AC_READY;
}

static void send_drop(void *frame, ac_cx *cx)
{
    struct send_frame *f = frame;
    if (f->state == 1)
        ac__acquire_drop(&f->acquire, cx);
    f->state = AC_STATE_DONE;
}

AC__LEAF_TYPE(ac_mpsc_send, struct send_frame, ret, send_poll, send_drop, "channel room");

AC_EXPORT void ac__init_ac_mpsc_send(void *frame, ac_mpsc *ch, const void *elem);
void ac__init_ac_mpsc_send(void *frame, ac_mpsc *ch, const void *elem)
{
    struct send_frame *f = frame;
    f->state = 0;
    f->ret = 0;
    f->ch = ch;
    f->elem = elem;
}

/* ------------------------------------------------------------------------------------------ */
/* Permits                                                                                    */

AC__LEAF_TYPE(ac_mpsc_reserve, struct ac__acquire_frame, ret, ac__acquire_poll, ac__acquire_drop,
              "channel room");

AC_EXPORT void ac__init_ac_mpsc_reserve(void *frame, ac_mpsc *ch);
void ac__init_ac_mpsc_reserve(void *frame, ac_mpsc *ch)
{
    ac__acquire_init(frame, &ch->slots, 1);
}

int ac_mpsc_permit_send(ac_mpsc *ch, const void *elem)
{
    return push(ch, elem);
}

void ac_mpsc_permit_release(ac_mpsc *ch)
{
    ac_semaphore_release(&ch->slots, 1);
}

/* ------------------------------------------------------------------------------------------ */
/* recv                                                                                       */

struct recv_frame {
    unsigned state;
    int ret;
    ac_mpsc *ch;
    void *out;
};

static int recv_poll(void *frame, ac_cx *cx)
{
    struct recv_frame *f = frame;
    ac_mpsc *ch = f->ch;
    /* The budget is checked before a value is taken: a receive that returns PENDING never
     * holds a value, so dropping it then loses nothing. */
    if (!ac__coop_check(cx))
        return AC_PENDING;
    ac__sync_lock(&ch->lock);
    int r = pop_locked(ch, f->out);
    if (r == -EAGAIN) {
        if (!ch->rx_waker.task)
            ch->rx_waker = ac_cx_waker(cx);
        f->state = 1;
        ac__sync_unlock(&ch->lock);
        return AC_PENDING;
    }
    ac_waker stale = ch->rx_waker; /* registered by an earlier poll of this future */
    ch->rx_waker.task = NULL;
    ac__sync_unlock(&ch->lock);
    ac_waker_drop(stale);
    if (r == 0)
        ac_semaphore_release(&ch->slots, 1);
    ac__coop_charge(cx);
    f->ret = r;
    f->state = AC_STATE_DONE;
    return AC_READY;
}

static void recv_drop(void *frame, ac_cx *cx)
{
    (void)cx;
    struct recv_frame *f = frame;
    if (f->state == 1) {
        ac_mpsc *ch = f->ch;
        ac__sync_lock(&ch->lock);
        ac_waker w = ch->rx_waker;
        ch->rx_waker.task = NULL;
        ac__sync_unlock(&ch->lock);
        ac_waker_drop(w);
    }
    f->state = AC_STATE_DONE;
}

AC__LEAF_TYPE(ac_mpsc_recv, struct recv_frame, ret, recv_poll, recv_drop, "channel value");

AC_EXPORT void ac__init_ac_mpsc_recv(void *frame, ac_mpsc *ch, void *out);
void ac__init_ac_mpsc_recv(void *frame, ac_mpsc *ch, void *out)
{
    struct recv_frame *f = frame;
    f->state = 0;
    f->ret = 0;
    f->ch = ch;
    f->out = out;
}

/* ------------------------------------------------------------------------------------------ */
/* oneshot                                                                                    */

struct ac_oneshot {
    ac__spinlock lock;
    unsigned ends; /* 2: sender and receiver alive */
    bool sent, sender_open;
    void (*drop)(void *elem); /* for a value sent and never received */
    ac_waker rx_waker;
    size_t elem_size;
    unsigned char value[];
};

ac_oneshot *ac_oneshot_new(size_t elem_size)
{
    if (elem_size > SIZE_MAX - sizeof(ac_oneshot))
        return NULL; /* the size would wrap round to a block too small for the value */
    ac_oneshot *o = calloc(1, sizeof *o + elem_size);
    if (!o)
        return NULL;
    ac__spin_init(&o->lock);
    o->ends = 2;
    o->sender_open = true;
    o->elem_size = elem_size;
    return o;
}

/* Releases one end; the last one frees. Called with the lock held; unlocks. */
static void oneshot_release(ac_oneshot *o)
{
    bool gone = --o->ends == 0;
    ac__sync_unlock(&o->lock);
    if (gone)
        free(o);
}

/* Consumes the sender, sending *elem when send (a value of no bytes may be NULL). */
static int sender_finish(ac_oneshot *o, const void *elem, bool send)
{
    ac__sync_lock(&o->lock);
    int r = 0;
    if (o->ends < 2) {
        r = -EPIPE; /* the receiver is gone */
    } else if (send) {
        ac__copy(o->value, elem, o->elem_size);
        o->sent = true;
    }
    o->sender_open = false;
    ac_waker w = o->rx_waker;
    o->rx_waker.task = NULL;
    oneshot_release(o);
    ac_waker_wake(w);
    return r;
}

int ac_oneshot_send(ac_oneshot *o, const void *elem)
{
    return sender_finish(o, elem, true);
}

void ac_oneshot_sender_close(ac_oneshot *o)
{
    sender_finish(o, NULL, false);
}

void ac_oneshot_set_drop(ac_oneshot *o, void (*drop)(void *elem))
{
    ac__sync_lock(&o->lock);
    o->drop = drop;
    ac__sync_unlock(&o->lock);
}

void ac_oneshot_receiver_close(ac_oneshot *o)
{
    ac__sync_lock(&o->lock);
    ac_waker w = o->rx_waker;
    o->rx_waker.task = NULL;
    /* A value sent and never received is dropped here; a send after this fails with -EPIPE
     * and leaves its value to the caller. A sent value means the sender is gone already, so
     * this end is the last: the value is dropped in place, unlocked, before the free. */
    if (o->sent && o->drop) {
        ac__sync_unlock(&o->lock);
        ac_waker_drop(w);
        o->drop(o->value);
        free(o);
        return;
    }
    oneshot_release(o);
    ac_waker_drop(w);
}

struct oneshot_frame {
    unsigned state;
    int ret;
    ac_oneshot *o;
    void *out;
};

static int oneshot_poll(void *frame, ac_cx *cx)
{
    struct oneshot_frame *f = frame;
    ac_oneshot *o = f->o;
    if (f->state == 0 && !ac__coop_check(cx)) /* a value there completes it at once */
        return AC_PENDING;
    ac__sync_lock(&o->lock);
    if (o->sender_open) {
        if (!o->rx_waker.task)
            o->rx_waker = ac_cx_waker(cx);
        f->state = 1;
        ac__sync_unlock(&o->lock);
        return AC_PENDING;
    }
    if (o->sent) {
        ac__copy(f->out, o->value, o->elem_size);
        f->ret = 0;
    } else {
        f->ret = -EPIPE;
    }
    oneshot_release(o);
    ac__coop_charge(cx);
    f->o = NULL;
    f->state = AC_STATE_DONE;
    return AC_READY;
}

static void oneshot_drop(void *frame, ac_cx *cx)
{
    (void)cx;
    struct oneshot_frame *f = frame;
    if (f->state != AC_STATE_DONE && f->o)
        ac_oneshot_receiver_close(f->o);
    f->o = NULL;
    f->state = AC_STATE_DONE;
}

AC__LEAF_TYPE(ac_oneshot_recv, struct oneshot_frame, ret, oneshot_poll, oneshot_drop, "oneshot value");

AC_EXPORT void ac__init_ac_oneshot_recv(void *frame, ac_oneshot *o, void *out);
void ac__init_ac_oneshot_recv(void *frame, ac_oneshot *o, void *out)
{
    struct oneshot_frame *f = frame;
    f->state = 0;
    f->ret = 0;
    f->o = o;
    f->out = out;
}
