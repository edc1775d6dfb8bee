/* asyncc/channel.h: channels between tasks: mpsc (bounded, unbounded, with permits), oneshot,
 * broadcast and watch, carrying values of a fixed size copied in and out (elem_size 0 too: a
 * signal without data, as Tokio's channels of (), whose values may be NULL pointers). Waits are
 * cancellation-safe. */
#ifndef ASYNCC_CHANNEL_H
#define ASYNCC_CHANNEL_H

#include "sys.h"

#include "future.h"
#include "lang.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Bounds on the frames of the futures below (see future.h): awaiting them allocates nothing. */
enum {
    ac__frame_size_ac_mpsc_send = 80,
    ac__frame_size_ac_mpsc_recv = 32,
    ac__frame_size_ac_oneshot_recv = 32,
    ac__frame_size_ac_broadcast_recv = 64,
    ac__frame_size_ac_mpsc_reserve = 64,
    ac__frame_size_ac_watch_changed = 32
};

/* ---- Bounded multi-producer single-consumer channel (Tokio's mpsc::channel). ----
 * A new channel has one sender and one receiver; it is freed when every sender and the
 * receiver are closed. */
typedef struct ac_mpsc ac_mpsc;

/* A channel of capacity values of elem_size bytes each (capacity >= 1; 0 is taken as 1), or NULL when out of
 * memory (or when elem_size * capacity overflows). */
AC_EXPORT ac_mpsc *ac_mpsc_new(size_t elem_size, size_t capacity);
/* Adds a sender (each sender is closed once with ac_mpsc_sender_close). */
AC_EXPORT void ac_mpsc_sender_clone(ac_mpsc *ch);
/* Closes one sender; after the last one, recv returns -EPIPE once the buffer is empty. */
AC_EXPORT void ac_mpsc_sender_close(ac_mpsc *ch);
/* Closes the receiver: buffered values are discarded and sends fail with -EPIPE. */
AC_EXPORT void ac_mpsc_receiver_close(ac_mpsc *ch);
/* Waits for room and copies *elem in. Returns 0, -EPIPE when the receiver is closed, or
 * -ENOMEM when an unbounded channel's buffer could not grow (nothing was sent).
 * Dropped while waiting for room: nothing was sent. */
AC_EXPORT async int ac_mpsc_send(ac_mpsc *ch, const void *elem);
/* Sends without waiting: 0, -EAGAIN when full, -EPIPE when the receiver is closed, -ENOMEM as
 * ac_mpsc_send. */
AC_EXPORT int ac_mpsc_try_send(ac_mpsc *ch, const void *elem);
/* Waits for a value and copies it to *out. Returns 0, or -EPIPE when every sender is closed
 * and the buffer is empty. Dropped while waiting: no value is lost. */
AC_EXPORT async int ac_mpsc_recv(ac_mpsc *ch, void *out);
/* Receives without waiting: 0, -EAGAIN when empty, -EPIPE when closed and empty. */
AC_EXPORT int ac_mpsc_try_recv(ac_mpsc *ch, void *out);

/* An unbounded channel (Tokio's mpsc::unbounded_channel): the buffer grows as needed, so
 * ac_mpsc_try_send never returns -EAGAIN and ac_mpsc_send never waits (a send returns -ENOMEM
 * when the buffer cannot grow). Otherwise the same; NULL when out of memory. */
AC_EXPORT ac_mpsc *ac_mpsc_unbounded_new(size_t elem_size);

/* Send permits (Tokio's reserve): ac_mpsc_reserve waits for room and holds one slot for the
 * caller, who then either sends into it (ac_mpsc_permit_send, which never waits) or gives it
 * back (ac_mpsc_permit_release). Reserve first when the value is costly to make or must not be
 * lost: a value is never handed to a send that may then be cancelled. Returns 0, or -EPIPE when
 * the receiver is closed. Cancel-safe: dropped while waiting, no permit is held. */
AC_EXPORT async int ac_mpsc_reserve(ac_mpsc *ch);
/* Sends *elem with a permit from ac_mpsc_reserve (consumed). Returns 0, or -EPIPE when the
 * receiver has closed since (the value was not sent; the caller still owns it), or -ENOMEM when
 * an unbounded channel's buffer could not grow (not sent; the permit is still held). */
AC_EXPORT int ac_mpsc_permit_send(ac_mpsc *ch, const void *elem);
/* Gives back an unused permit. */
AC_EXPORT void ac_mpsc_permit_release(ac_mpsc *ch);

/* Registers drop(elem) to be called on every value the channel discards: the values still
 * buffered when the receiver closes (at ac_mpsc_receiver_close, or when the channel is freed).
 * For channels of owned pointers, so that they are not leaked. Call it before values flow. */
AC_EXPORT void ac_mpsc_set_drop(ac_mpsc *ch, void (*drop)(void *elem));

/* ---- Oneshot: one value, once (Tokio's oneshot). Freed when both ends are consumed. ---- */
typedef struct ac_oneshot ac_oneshot;

/* A oneshot for one value of elem_size bytes, or NULL when out of memory. */
AC_EXPORT ac_oneshot *ac_oneshot_new(size_t elem_size);
/* Sends the value and consumes the sender. Returns 0, or -EPIPE when the receiver is gone. */
AC_EXPORT int ac_oneshot_send(ac_oneshot *o, const void *elem);
/* Consumes the sender without sending: the receiver gets -EPIPE. */
AC_EXPORT void ac_oneshot_sender_close(ac_oneshot *o);
/* Waits for the value. Returns 0, or -EPIPE when the sender closed without sending.
 * Consumes the receiver, also when the future is dropped unfinished. */
AC_EXPORT async int ac_oneshot_recv(ac_oneshot *o, void *out);
/* Consumes the receiver without receiving (when ac_oneshot_recv is never called). */
AC_EXPORT void ac_oneshot_receiver_close(ac_oneshot *o);

/* Registers drop(elem) for a value sent and never received (the receiver closed first). A
 * value whose send failed (-EPIPE) is still the caller's. */
AC_EXPORT void ac_oneshot_set_drop(ac_oneshot *o, void (*drop)(void *elem));

/* ---- Broadcast: every receiver sees every value sent after it subscribed (Tokio's
 * broadcast). A slow receiver that falls more than capacity values behind loses the oldest. */
typedef struct ac_broadcast ac_broadcast;
typedef struct ac_broadcast_rx ac_broadcast_rx;

/* A channel with one sender, or NULL when out of memory (or when elem_size * capacity
 * overflows). Freed when the sender and every receiver are closed. */
AC_EXPORT ac_broadcast *ac_broadcast_new(size_t elem_size, size_t capacity);
/* A new receiver, seeing values sent from now on; NULL when out of memory. */
AC_EXPORT ac_broadcast_rx *ac_broadcast_subscribe(ac_broadcast *b);
/* Sends to every receiver, never waiting. Returns how many receivers there are, or -EPIPE
 * when there are none (the value is dropped). */
AC_EXPORT int ac_broadcast_send(ac_broadcast *b, const void *elem);
/* Closes the sender: receivers get the values still buffered, then -EPIPE. */
AC_EXPORT void ac_broadcast_close(ac_broadcast *b);
/* Waits for the next value. Returns 0 with *out filled; a positive n when this receiver fell
 * behind and the n oldest values it had not seen were lost (nothing copied; the next call
 * returns the oldest value still buffered; more than INT_MAX lost are counted over several
 * calls); or -EPIPE once the sender is closed and every
 * value was received. Dropped while waiting: nothing is lost. */
AC_EXPORT async int ac_broadcast_recv(ac_broadcast_rx *rx, void *out);
/* Closes a receiver. */
AC_EXPORT void ac_broadcast_rx_close(ac_broadcast_rx *rx);

/* For values that own something (a pointer to a reference-counted object), as Tokio's
 * broadcast needs T: Clone. The ownership rule: a successful ac_broadcast_send moves the value
 * into the channel (a send that returns -EPIPE stored nothing: the caller still owns it); each
 * receiver gets a copy of its own, made by clone(copy) on the bytes copied to *out (take a
 * reference); the channel's own copy is dropped with drop(elem) when a later send pushes it out
 * of the ring (capacity values later, whether or not every receiver had it) and, for the values
 * still in the ring, when the channel is freed (sender and every receiver closed). Either may be
 * NULL: without clone, receivers borrow the channel's copy, valid until its drop. Both run with
 * the channel's lock held: keep them short (a reference count, a free) and do not use the
 * channel in them. Call before values flow. */
AC_EXPORT void ac_broadcast_set_drop(ac_broadcast *b, void (*clone)(void *elem), void (*drop)(void *elem));

/* ---- Watch (Tokio's watch): one value that changes; receivers see its latest version. ----
 * For configuration, state, a shutdown flag: a slow receiver skips versions, never blocks the
 * sender. Freed when the sender and every receiver are closed. */
typedef struct ac_watch ac_watch;
typedef struct ac_watch_rx ac_watch_rx;

/* A channel holding *initial (elem_size bytes; zero bytes when initial is NULL), with its
 * sender; NULL when out of memory. */
AC_EXPORT ac_watch *ac_watch_new(size_t elem_size, const void *initial);
/* A new receiver; it has seen the current version (changed waits for the next). NULL when out
 * of memory. */
AC_EXPORT ac_watch_rx *ac_watch_subscribe(ac_watch *w);
/* Replaces the value and wakes every receiver waiting in changed. Returns how many receivers
 * there are (0: nobody will see it, but it is stored for later subscribers). */
AC_EXPORT int ac_watch_send(ac_watch *w, const void *elem);
/* Closes the sender: changed returns -EPIPE once the last version has been seen. */
AC_EXPORT void ac_watch_close(ac_watch *w);
/* Copies the current value to *out and marks its version seen (out NULL: only marks it seen,
 * Tokio's borrow_and_update with the value left unread). */
AC_EXPORT void ac_watch_borrow(ac_watch_rx *rx, void *out);
/* Waits for a version this receiver has not seen, marks it seen and copies it to *out (when out
 * is not NULL). Returns 0, or -EPIPE when the sender is closed and the last version was seen.
 * Cancel-safe: dropped, nothing is marked seen. One task at a time per receiver. */
AC_EXPORT async int ac_watch_changed(ac_watch_rx *rx, void *out);
/* Closes a receiver. */
AC_EXPORT void ac_watch_rx_close(ac_watch_rx *rx);

/* For values that own something, as ac_broadcast_set_drop: the channel owns the value it holds
 * (the initial one, then each sent one: ac_watch_send always stores it); every copy given out
 * (ac_watch_borrow, ac_watch_changed with out) is clone(copy)'d for the receiver, which owns it;
 * the channel's value is dropped with drop(elem) when a send replaces it and when the channel is
 * freed (sender and every receiver closed) - the initial value too, all zero bytes when initial
 * was NULL. Either may be NULL; both run with the channel's lock held (keep them short, do not
 * use the channel in them). Call before values flow. */
AC_EXPORT void ac_watch_set_drop(ac_watch *w, void (*clone)(void *elem), void (*drop)(void *elem));

#ifdef __cplusplus
}
#endif

#endif
