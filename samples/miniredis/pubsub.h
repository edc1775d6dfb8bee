/* pubsub.h: miniredis's channels. A connection that subscribes gets a subscriber: an outbox that
 * publishers append messages to and a writer task (in miniredis.c) sends to the socket. */
#ifndef MINIREDIS_PUBSUB_H
#define MINIREDIS_PUBSUB_H

#include <asyncc.h>
#include <stddef.h>

#include "resp.h"

/*
 * Once a connection has subscribed, everything it sends goes through its outbox, in order:
 * replies to its own commands and messages published by others. A SUBSCRIBE moves the replies
 * the connection had pending into the outbox and registers the channel in one step under the
 * registry's lock, which publishers hold while they deliver: no message can overtake the
 * confirmation of its subscription, and none arrives after the confirmation of an UNSUBSCRIBE.
 */
struct subscriber;

/* A subscriber for the connection on fd, with one reference held by the caller. */
struct subscriber *sub_new(int fd);
/* Adds a reference (for the writer task). */
void sub_ref(struct subscriber *s);
/* Drops a reference; the last one frees the subscriber, which must hold no channels by then. */
void sub_unref(struct subscriber *s);

/* How many channels s is subscribed to. */
int sub_count(const struct subscriber *s);

/* SUBSCRIBE channel / UNSUBSCRIBE channel: moves pending (the connection's replies so far) into
 * the outbox, changes the subscription and appends its confirmation, all in one step. */
void sub_subscribe(struct subscriber *s, const char *ch, size_t len, struct outbuf *pending);
void sub_unsubscribe(struct subscriber *s, const char *ch, size_t len, struct outbuf *pending);
/* UNSUBSCRIBE with no channel: leaves every channel, one confirmation each (a confirmation with
 * a nil channel when there was none, as Redis does), unless quiet is set (connection closing). */
void sub_unsubscribe_all(struct subscriber *s, struct outbuf *pending, int quiet);

/* Appends the connection's pending replies to its outbox and wakes its writer. */
void sub_push(struct subscriber *s, struct outbuf *pending);

/* PUBLISH channel message: appends the message to the outbox of every subscriber of channel.
 * Returns how many there are. */
long pubsub_publish(const char *ch, size_t clen, const char *msg, size_t mlen);

/* The writer's side: swaps everything in the outbox into *into (which must be empty) and returns
 * its length; 0 when the outbox is empty, then *notify says what to wait on before asking again.
 * Returns -1 once the outbox is closed and empty. */
long sub_take(struct subscriber *s, struct outbuf *into, ac_notify **notify);

/* Closes the outbox: the writer sends what is in it, then stops. dead also drops what is in it and
 * makes later appends do nothing (the socket failed). */
void sub_close(struct subscriber *s, int dead);

/* A subscriber whose outbox outgrows this (a client that does not read) is disconnected, like
 * Redis's client-output-buffer-limit for pubsub (32 MB). */
enum { SUB_OUTBOX_MAX = 32 * 1024 * 1024 };

#endif
