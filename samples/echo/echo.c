/* echo.c: the seeds' TCP echo server in async C: an accept loop that spawns one task per
 * connection. Usage: echo-server [PORT] (default 0: any free port); prints the port it listens on. */
#include <asyncc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

/* One connection: send back whatever arrives until the client closes its side. */
async void serve(int fd)
{
    char buf[4096];
    for (;;) {
        long n = await(ac_recv(fd, buf, sizeof buf, 0));
        if (n <= 0)
            break; /* 0: the client is done; < 0: -errno, e.g. -ECONNRESET */
        if (await(ac_write_all(fd, buf, (size_t)n)) < 0)
            break;
    }
    await(ac_close(fd));
}

/* A server holds one descriptor per client: allow as many as the hard limit does. */
static void raise_fd_limit(void)
{
    struct rlimit r;
    if (getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur < r.rlim_max) {
        r.rlim_cur = r.rlim_max;
        setrlimit(RLIMIT_NOFILE, &r);
    }
}

async int main(int argc, char **argv)
{
    raise_fd_limit();
    int port = argc > 1 ? atoi(argv[1]) : 0;
    int listener = ac_tcp_listen("127.0.0.1", (unsigned short)port, 4096);
    if (listener < 0) {
        fprintf(stderr, "echo-server: cannot listen on 127.0.0.1:%d: %s\n", port, strerror(-listener));
        return 1;
    }
    printf("listening on 127.0.0.1:%d\n", ac_socket_port(listener));
    fflush(stdout);
    for (;;) {
        int fd = await(ac_accept(listener, NULL, NULL));
        if (fd < 0) {
            fprintf(stderr, "echo-server: accept: %s\n", strerror(-fd));
            await(ac_sleep_ms(10)); /* e.g. out of descriptors: let connections finish */
            continue;
        }
        /* Each connection is its own task: a slow client holds up no one else. */
        ac_task_detach(ac_spawn(serve(fd)));
    }
}
