/* bench/asyncc/echo.c: the TCP echo server in async C: an accept loop spawning one task per
 * connection, each a recv/send loop (the samples/echo shape, with TCP_NODELAY as every peer).
 * usage: echo PORT [LIFETIME=60] (bench/run also stops it when the client is done) */
#include <asyncc.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include "common.h"

async void serve(int fd)
{
    char buf[4096];
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    for (;;) {
        long n = await(ac_recv(fd, buf, sizeof buf, 0));
        if (n <= 0)
            break;
        long off = 0;
        while (off < n) {
            long w = await(ac_send(fd, buf + off, (size_t)(n - off), 0));
            if (w <= 0)
                goto out;
            off += w;
        }
    }
out:
    await(ac_close(fd));
}

async void accept_loop(int listener)
{
    for (;;) {
        int fd = await(ac_accept(listener, NULL, NULL));
        if (fd < 0) {
            await(ac_sleep_ms(1));
            continue;
        }
        ac_task_detach(ac_spawn(serve(fd)));
    }
}

async int main(int argc, char **argv)
{
    int port = argc > 1 ? atoi(argv[1]) : 7000;
    unsigned long lifetime = argc > 2 ? strtoul(argv[2], NULL, 10) : 60;
    int listener = ac_tcp_listen("127.0.0.1", (unsigned short)port, 512);
    if (listener < 0) {
        fprintf(stderr, "echo: cannot listen on 127.0.0.1:%d: %s\n", port, strerror(-listener));
        return 1;
    }
    printf("READY\n");
    fflush(stdout);
    /* Bounded in time: the server stops by itself even if nobody stops it. */
    await(ac_timeout(lifetime * 1000, accept_loop(listener)));
    return 0;
}
