/* tests/runtime/test_channel_drop.c (async C): a broadcast and a watch of reference-counted
 * pointers leak none and free none early: each copy a receiver gets is cloned (its own
 * reference), the channel's copy is dropped when a send pushes it out of the ring (a receiver
 * that lagged past it loses it) or replaces it, and what the channel still holds is dropped when
 * it is freed, whichever end closes last. A send nobody hears leaves the value with its caller.
 * Without a clone function, drop alone frees what the channel held. */
#include <stdatomic.h>
#include <stdlib.h>

#include "test.h"

struct obj {
    atomic_int refs;
    int id;
};

static atomic_int live; /* objects not yet freed */

static struct obj *obj_new(int id)
{
    struct obj *o = malloc(sizeof *o);
    CHECK(o != NULL);
    atomic_init(&o->refs, 1);
    o->id = id;
    atomic_fetch_add(&live, 1);
    return o;
}

static void obj_unref(struct obj *o)
{
    if (o && atomic_fetch_sub(&o->refs, 1) == 1) {
        o->id = -1;
        free(o);
        atomic_fetch_sub(&live, 1);
    }
}

static void clone_elem(void *elem)
{
    atomic_fetch_add(&(*(struct obj **)elem)->refs, 1);
}

static void drop_elem(void *elem)
{
    obj_unref(*(struct obj **)elem);
}

/* Sends a new object with id, giving it to the channel. Returns the send's result. */
static int send_obj(ac_broadcast *b, int id)
{
    struct obj *o = obj_new(id);
    int n = ac_broadcast_send(b, &o);
    if (n < 0)
        obj_unref(o); /* not stored: still ours */
    return n;
}

static async void broadcast_case(int receiver_last)
{
    ac_broadcast *b = ac_broadcast_new(sizeof(struct obj *), 2);
    CHECK(b != NULL);
    ac_broadcast_set_drop(b, clone_elem, drop_elem);
    CHECK_EQ(send_obj(b, 0), -EPIPE); /* no receiver: the caller kept and freed it */
    CHECK_EQ(atomic_load(&live), 0);
    ac_broadcast_rx *fast = ac_broadcast_subscribe(b), *slow = ac_broadcast_subscribe(b);
    CHECK_EQ(send_obj(b, 1), 2);
    struct obj *got = NULL;
    CHECK_EQ(await(ac_broadcast_recv(fast, &got)), 0);
    CHECK_EQ(got->id, 1);
    CHECK_EQ(send_obj(b, 2), 2);
    CHECK_EQ(send_obj(b, 3), 2); /* 1 leaves the ring: the channel's reference goes */
    CHECK_EQ(got->id, 1);        /* fast's own copy is still alive */
    obj_unref(got);
    CHECK_EQ(atomic_load(&live), 2); /* 2 and 3, in the ring */
    CHECK_EQ(await(ac_broadcast_recv(fast, &got)), 0);
    CHECK_EQ(got->id, 2);
    obj_unref(got);
    CHECK_EQ(send_obj(b, 4), 2); /* 2 leaves: slow never had it */
    CHECK_EQ(atomic_load(&live), 2);
    CHECK_EQ(await(ac_broadcast_recv(slow, &got)), 2); /* 1 and 2 lost... */
    CHECK_EQ(await(ac_broadcast_recv(slow, &got)), 0); /* ...then 3, its own */
    CHECK_EQ(got->id, 3);
    ac_broadcast_rx_close(slow);
    if (receiver_last) {
        ac_broadcast_close(b);
        CHECK_EQ(atomic_load(&live), 2); /* 3 (ours and the ring's), 4 (the ring's) */
        ac_broadcast_rx_close(fast);
    } else {
        ac_broadcast_rx_close(fast);
        ac_broadcast_close(b);
    }
    CHECK_EQ(got->id, 3);
    obj_unref(got);
    CHECK_EQ(atomic_load(&live), 0);
}

static async void watch_case(void)
{
    struct obj *first = obj_new(10);
    ac_watch *w = ac_watch_new(sizeof first, &first); /* the channel's now */
    CHECK(w != NULL);
    ac_watch_set_drop(w, clone_elem, drop_elem);
    ac_watch_rx *rx = ac_watch_subscribe(w);
    struct obj *seen = NULL;
    ac_watch_borrow(rx, &seen);
    CHECK_EQ(seen->id, 10);
    struct obj *next = obj_new(11);
    CHECK_EQ(ac_watch_send(w, &next), 1); /* 10 replaced: its channel reference goes */
    CHECK_EQ(seen->id, 10);               /* ours stays */
    obj_unref(seen);
    CHECK_EQ(atomic_load(&live), 1);
    CHECK_EQ(await(ac_watch_changed(rx, &seen)), 0);
    CHECK_EQ(seen->id, 11);
    struct obj *third = obj_new(12);
    CHECK_EQ(ac_watch_send(w, &third), 1);          /* 11 replaced: ours stays */
    CHECK_EQ(await(ac_watch_changed(rx, NULL)), 0); /* no copy, no clone */
    ac_watch_close(w);
    CHECK_EQ(atomic_load(&live), 2); /* 11 (ours), 12 (the channel's) */
    ac_watch_rx_close(rx);
    CHECK_EQ(atomic_load(&live), 1);
    obj_unref(seen);
    CHECK_EQ(atomic_load(&live), 0);

    /* A watch made with no initial value drops all-zero bytes: a NULL pointer. */
    ac_watch *empty = ac_watch_new(sizeof(struct obj *), NULL);
    ac_watch_set_drop(empty, clone_elem, drop_elem);
    ac_watch_close(empty);
}

/* drop alone: receivers borrow; what the channel held is freed once, nothing twice. */
static async void drop_only_case(void)
{
    ac_broadcast *b = ac_broadcast_new(sizeof(struct obj *), 4);
    ac_broadcast_set_drop(b, NULL, drop_elem);
    ac_broadcast_rx *rx = ac_broadcast_subscribe(b);
    for (int i = 0; i < 6; i++)
        CHECK_EQ(send_obj(b, i), 1);
    CHECK_EQ(atomic_load(&live), 4);
    struct obj *got = NULL;
    CHECK_EQ(await(ac_broadcast_recv(rx, &got)), 2);
    CHECK_EQ(await(ac_broadcast_recv(rx, &got)), 0);
    CHECK_EQ(got->id, 2); /* borrowed */
    ac_broadcast_close(b);
    ac_broadcast_rx_close(rx);
    CHECK_EQ(atomic_load(&live), 0);

    struct obj *o = obj_new(20);
    ac_watch *w = ac_watch_new(sizeof o, &o);
    ac_watch_set_drop(w, NULL, drop_elem);
    ac_watch_close(w);
    CHECK_EQ(atomic_load(&live), 0);
}

async int main(void)
{
    await(broadcast_case(1));
    await(broadcast_case(0));
    await(watch_case());
    await(drop_only_case());
    printf("channel_drop: ok\n");
    return 0;
}
