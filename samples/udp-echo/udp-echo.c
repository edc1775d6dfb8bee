/* udp-echo.c: a UDP echo server in async C: every datagram goes back to its sender as it came.
 * Several receiver tasks share the socket, so datagrams are answered on every worker at once.
 * Usage: udp-echo [--port N] (127.0.0.1; default 7007, 0 picks one); SIGINT/SIGTERM exit 0. */
#include <asyncc.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { RECEIVERS = 4, DATAGRAM_MAX = 65536 };

/* One receiver: waits for a datagram, sends it back to where it came from, repeats. The buffer
 * lives in the task's frame, which does not move while the kernel writes into it. */
async void echo(int fd)
{
    char buf[DATAGRAM_MAX];
    struct sockaddr_storage from;
    for (;;) {
        socklen_t len = sizeof from;
        long n = await(ac_recvfrom(fd, buf, sizeof buf, 0, (struct sockaddr *)&from, &len));
        if (n < 0) {
            /* ICMP errors from an earlier send (the sender is gone: -ECONNREFUSED) and the like
             * concern one peer, never the socket: go on. */
            continue;
        }
        await(ac_sendto(fd, buf, (size_t)n, 0, (struct sockaddr *)&from, len));
    }
}

async int main(int argc, char **argv)
{
    int port = 7007;
    if (argc == 3 && strcmp(argv[1], "--port") == 0) {
        port = atoi(argv[2]);
    } else if (argc != 1) {
        fputs("usage: udp-echo [--port N]\n", stderr);
        return 2;
    }
    ac_signal_listener sigint, sigterm;
    int rc = ac_signal_listen(&sigint, SIGINT);
    if (rc == 0 && (rc = ac_signal_listen(&sigterm, SIGTERM)) < 0)
        ac_signal_unlisten(&sigint);
    int fd = rc < 0 ? rc : ac_udp_bind("127.0.0.1", (unsigned short)port);
    if (fd < 0) {
        fprintf(stderr, "udp-echo: cannot bind 127.0.0.1:%d: %s\n", port, strerror(-fd));
        return 1;
    }
    ac_task *receivers[RECEIVERS];
    for (int i = 0; i < RECEIVERS; i++)
        receivers[i] = ac_spawn(echo(fd));
    printf("udp-echo on 127.0.0.1:%d\n", ac_socket_port(fd));
    fflush(stdout);
    await(ac_select(ac_signal_recv(&sigint), ac_signal_recv(&sigterm)));
    ac_signal_unlisten(&sigint);
    ac_signal_unlisten(&sigterm);
    /* Stop the receivers and wait until they have stopped (their receives are cancelled) before
     * the socket they read is closed. */
    for (int i = 0; i < RECEIVERS; i++) {
        ac_task_cancel(receivers[i]);
        await(ac_task_join(receivers[i], NULL));
    }
    await(ac_close(fd));
    return 0;
}
