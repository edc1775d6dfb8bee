/* echo.c: the seeds' TCP echo server in async C: an accept loop that spawns one task per
 * connection, and a graceful shutdown on SIGINT or SIGTERM. Usage: echo-server [PORT] (default 0:
 * any free port); prints the port it listens on. */
#include <asyncc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

/* Shutdown as Tokio's mini-redis does it: a token that every connection watches, and a channel
 * that every connection holds a sender of, whose receiver learns when the last one is gone. */
static ac_cancel_token *stopping;
static ac_mpsc *alive;

static void leave(ac_mpsc **senders)
{
    ac_mpsc_sender_close(*senders);
}

/* Sends back whatever arrives until the client closes its side. */
async void echo(int fd)
{
    char buf[4096];
    for (;;) {
        long n = await(ac_recv(fd, buf, sizeof buf, 0));
        if (n <= 0)
            break; /* 0: the client is done; < 0: -errno, e.g. -ECONNRESET */
        if (await(ac_write_all(fd, buf, (size_t)n)) < 0)
            break;
    }
}

/* One connection: echoes until the client leaves or the server stops (the token cancels the
 * receive or the send under way), then closes the socket and, in the cleanup, the sender. */
async void serve(int fd)
{
    ac_mpsc *sender __attribute__((cleanup(leave))) = alive; /* cloned by the accept loop */
    await(ac_select(echo(fd), ac_cancel_token_cancelled(stopping)));
    await(ac_close(fd));
}

async void accept_loop(int listener)
{
    for (;;) {
        int fd = await(ac_accept(listener, NULL, NULL));
        if (fd < 0) {
            fprintf(stderr, "echo-server: accept: %s\n", strerror(-fd));
            await(ac_sleep_ms(10)); /* e.g. out of descriptors: let connections finish */
            continue;
        }
        /* Each connection is its own task (a slow client holds up no one else), with a
         * sender of its own taken before it can run. */
        ac_mpsc_sender_clone(alive);
        ac_task_detach(ac_spawn(serve(fd)));
    }
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
    /* Listen for the signals before saying we are up: none is missed after that. */
    ac_signal_listener sigint, sigterm;
    int rc = ac_signal_listen(&sigint, SIGINT);
    if (rc == 0 && (rc = ac_signal_listen(&sigterm, SIGTERM)) < 0)
        ac_signal_unlisten(&sigint);
    int listener = rc < 0 ? rc : ac_tcp_listen("127.0.0.1", (unsigned short)port, 4096);
    if (listener < 0) {
        fprintf(stderr, "echo-server: cannot listen on 127.0.0.1:%d: %s\n", port, strerror(-listener));
        return 1;
    }
    stopping = ac_cancel_token_new();
    alive = ac_mpsc_new(1, 1);
    if (!stopping || !alive) {
        fputs("echo-server: out of memory\n", stderr);
        return 1;
    }
    printf("listening on 127.0.0.1:%d\n", ac_socket_port(listener));
    fflush(stdout);

    /* The first signal cancels the accept loop... */
    await(ac_select(accept_loop(listener), ac_signal_recv(&sigint), ac_signal_recv(&sigterm)));
    ac_signal_unlisten(&sigint);
    ac_signal_unlisten(&sigterm);
    await(ac_close(listener));
    /* ...then every connection is told to stop, and main waits until each has closed its socket
     * and its sender: the receive ends (-EPIPE) when no sender is left. */
    ac_cancel_token_cancel(stopping);
    ac_mpsc_sender_close(alive);
    char none;
    await(ac_mpsc_recv(alive, &none));
    ac_mpsc_receiver_close(alive); /* the last user: frees the channel */
    ac_cancel_token_free(stopping);
    return 0;
}
