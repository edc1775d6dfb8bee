/* bench/asyncc/pingpong.c: channel ping-pong between two tasks: two bounded mpsc channels of
 * capacity 1 (one each way), N round trips, as the Tokio peer does.
 * usage: pingpong [N=1000000] */
#include <asyncc.h>

#include "common.h"

/* Sends back every value that arrives, until the ping channel's sender is closed. */
async void echo_task(ac_mpsc *ping, ac_mpsc *pong)
{
    long v;
    while (await(ac_mpsc_recv(ping, &v)) == 0)
        if (await(ac_mpsc_send(pong, &v)) != 0)
            break;
    ac_mpsc_receiver_close(ping);
    ac_mpsc_sender_close(pong);
}

async int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 1000000;
    ac_mpsc *ping = ac_mpsc_new(sizeof(long), 1);
    ac_mpsc *pong = ac_mpsc_new(sizeof(long), 1);
    ac_task *echo = ac_spawn(echo_task(ping, pong));
    long sum = 0;
    uint64_t t0 = bench_now_ns();
    for (long i = 0; i < n; i++) {
        long v;
        await(ac_mpsc_send(ping, &i));
        await(ac_mpsc_recv(pong, &v));
        sum += v;
    }
    uint64_t dt = bench_now_ns() - t0;
    ac_mpsc_sender_close(ping);
    await(ac_task_join(echo, NULL));
    ac_mpsc_receiver_close(pong);
    printf("RESULT ns_per_roundtrip=%.1f sum=%ld n=%ld\n", (double)dt / n, sum, n);
    return 0;
}
