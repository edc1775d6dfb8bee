/* tests/runtime/test_channel_unit.c (async C): channels of values of no bytes (elem_size 0,
 * Tokio's channels of ()), a signal without data: every send with a NULL value counts as a
 * value sent. ac_oneshot_send(o, NULL) returned 0 and sent nothing: its receiver got -EPIPE, as
 * if the sender had closed without sending. */
#include "test.h"

async int main(void)
{
    ac_oneshot *o = ac_oneshot_new(0);
    CHECK(o);
    ac_task *waiter = ac_spawn(ac_oneshot_recv(o, NULL));
    await(ac_yield());
    CHECK_EQ(ac_oneshot_send(o, NULL), 0);
    int r = -1;
    await(ac_task_join(waiter, &r));
    CHECK_EQ(r, 0);
    o = ac_oneshot_new(0);
    ac_oneshot_sender_close(o); /* closing is still not sending */
    CHECK_EQ(await(ac_oneshot_recv(o, NULL)), -EPIPE);

    ac_mpsc *m = ac_mpsc_new(0, 2);
    CHECK_EQ(ac_mpsc_try_send(m, NULL), 0);
    CHECK_EQ(await(ac_mpsc_send(m, NULL)), 0);
    CHECK_EQ(ac_mpsc_try_send(m, NULL), -EAGAIN);
    CHECK_EQ(await(ac_mpsc_recv(m, NULL)), 0);
    CHECK_EQ(ac_mpsc_try_recv(m, NULL), 0);
    ac_mpsc_sender_close(m);
    CHECK_EQ(await(ac_mpsc_recv(m, NULL)), -EPIPE);
    ac_mpsc_receiver_close(m);

    ac_broadcast *b = ac_broadcast_new(0, 2);
    ac_broadcast_rx *rx = ac_broadcast_subscribe(b);
    CHECK_EQ(ac_broadcast_send(b, NULL), 1);
    CHECK_EQ(await(ac_broadcast_recv(rx, NULL)), 0);
    ac_broadcast_close(b);
    CHECK_EQ(await(ac_broadcast_recv(rx, NULL)), -EPIPE);
    ac_broadcast_rx_close(rx);

    ac_watch *w = ac_watch_new(0, NULL);
    ac_watch_rx *wrx = ac_watch_subscribe(w);
    CHECK_EQ(ac_watch_send(w, NULL), 1);
    CHECK_EQ(await(ac_watch_changed(wrx, NULL)), 0);
    ac_watch_close(w);
    CHECK_EQ(await(ac_watch_changed(wrx, NULL)), -EPIPE);
    ac_watch_rx_close(wrx);
    printf("channel_unit: ok\n");
    return 0;
}
