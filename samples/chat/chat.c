/* chat.c: a line-based chat server (the Tokio tutorial's, in async C). Every client's lines go
 * to a broadcast channel that every other client's writer task follows; SIGINT or SIGTERM
 * closes every connection and ends it with status 0. Usage: chat [PORT] */
#include <asyncc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

enum { LINE_MAX_LEN = 500 };

/* What travels on the broadcast channel: a line for everyone but its author. */
struct msg {
    unsigned long from; /* the author's connection number, 0 for none */
    char text[LINE_MAX_LEN + 64];
};

static ac_broadcast *room;
static unsigned long connections;
/* Shutdown (as in samples/echo): a token every client watches, and a channel every client holds
 * a sender of, whose receiver learns when the last one is gone. */
static ac_cancel_token *stopping;
static ac_mpsc *alive;

static unsigned long next_connection(void)
{
    return __atomic_add_fetch(&connections, 1, __ATOMIC_RELAXED);
}

static void say(unsigned long from, const char *fmt, const char *name, const char *text)
{
    struct msg m = {from, ""};
    snprintf(m.text, sizeof m.text, fmt, name, text);
    ac_broadcast_send(room, &m); /* -EPIPE when nobody listens: fine, nobody to tell */
}

/* Follows the room for one client: writes every line not its own to the socket. Runs as a task
 * of its own until the client leaves and the reader cancels it. The subscription stays the
 * reader's, which closes it after joining this task: a task cancelled before its first poll
 * runs none of its code, so a cleanup here would never close it when the client left at once. */
async void writer(int fd, unsigned long self, ac_broadcast_rx *rx)
{
    struct msg m;
    for (;;) {
        int rc = await(ac_broadcast_recv(rx, &m));
        if (rc < 0)
            break; /* the room closed */
        if (rc > 0) {
            snprintf(m.text, sizeof m.text, "(missed %d lines)\n", rc);
            m.from = 0;
        }
        if (m.from != self && await(ac_write_all(fd, m.text, strlen(m.text))) < 0)
            break;
    }
}

/* Reads one line (without its newline) into line; longer lines are cut at LINE_MAX_LEN. Returns
 * its length, or -1 at end of input. buf/len carry bytes read past the line to the next call. */
async int read_line(int fd, char *buf, size_t *len, char *line)
{
    for (;;) {
        char *nl = memchr(buf, '\n', *len);
        if (nl || *len == LINE_MAX_LEN) {
            size_t n = nl ? (size_t)(nl - buf) : *len;
            size_t used = nl ? n + 1 : n;
            memcpy(line, buf, n);
            line[n] = 0;
            if (n && line[n - 1] == '\r')
                line[--n] = 0;
            memmove(buf, buf + used, *len - used);
            *len -= used;
            return (int)n;
        }
        long got = await(ac_recv(fd, buf + *len, LINE_MAX_LEN - *len, 0));
        if (got <= 0)
            return -1;
        *len += (size_t)got;
    }
}

static void close_fd(int *fd)
{
    close(*fd);
}

static void leave(ac_mpsc **senders)
{
    ac_mpsc_sender_close(*senders);
}

/* Reads the client's next line, or returns -1 when the server stops first. */
async int next_line(int fd, char *buf, size_t *len, char *line)
{
    int n = -1;
    await(ac_select(n = read_line(fd, buf, len, line), ac_cancel_token_cancelled(stopping)));
    return n;
}

/* One client: asks its name, then reads its lines into the room until it leaves or the server
 * stops. The cleanups run in reverse order: the socket is closed before the sender main waits for. */
async void client(int fd)
{
    ac_mpsc *sender __attribute__((cleanup(leave))) = alive; /* cloned by the accept loop */
    int sock __attribute__((cleanup(close_fd))) = fd;
    unsigned long self = next_connection();
    char buf[LINE_MAX_LEN], line[LINE_MAX_LEN + 1], name[32];
    size_t len = 0;
    static const char ask[] = "name?\n";
    if (await(ac_write_all(sock, ask, sizeof ask - 1)) < 0 || await(next_line(sock, buf, &len, line)) <= 0)
        return;
    snprintf(name, sizeof name, "%.31s", line);
    /* Subscribe before announcing, so the client sees everything said after its own join. */
    ac_broadcast_rx *rx = ac_broadcast_subscribe(room);
    if (!rx)
        return; /* out of memory: this client is turned away */
    ac_task *w = ac_spawn(writer(sock, self, rx));
    say(self, "* %s joined%s\n", name, "");
    while (await(next_line(sock, buf, &len, line)) >= 0)
        if (line[0])
            say(self, "%s: %s\n", name, line);
    say(self, "* %s left%s\n", name, "");
    /* Stop the writer and wait until it has stopped: only then may the subscription it reads
     * be closed, and the descriptor it writes to be closed and reused. */
    ac_task_cancel(w);
    await(ac_task_join(w, NULL));
    ac_broadcast_rx_close(rx);
}

async void accept_loop(int listener)
{
    for (;;) {
        int fd = await(ac_accept(listener, NULL, NULL));
        if (fd < 0) {
            await(ac_sleep_ms(10)); /* e.g. out of descriptors: let connections finish */
            continue;
        }
        ac_mpsc_sender_clone(alive); /* the client's, taken before it can run */
        ac_task_detach(ac_spawn(client(fd)));
    }
}

async int main(int argc, char **argv)
{
    struct rlimit r;
    if (getrlimit(RLIMIT_NOFILE, &r) == 0) {
        r.rlim_cur = r.rlim_max;
        setrlimit(RLIMIT_NOFILE, &r);
    }
    int port = argc > 1 ? atoi(argv[1]) : 0;
    /* Listen for the signals before saying we are up: none is missed after that. */
    ac_signal_listener sigint, sigterm;
    int rc = ac_signal_listen(&sigint, SIGINT);
    if (rc == 0 && (rc = ac_signal_listen(&sigterm, SIGTERM)) < 0)
        ac_signal_unlisten(&sigint);
    int listener = rc < 0 ? rc : ac_tcp_listen("127.0.0.1", (unsigned short)port, 1024);
    if (listener < 0) {
        fprintf(stderr, "chat: cannot listen on 127.0.0.1:%d: %s\n", port, strerror(-listener));
        return 1;
    }
    room = ac_broadcast_new(sizeof(struct msg), 256);
    stopping = ac_cancel_token_new();
    alive = ac_mpsc_new(1, 1);
    if (!room || !stopping || !alive) {
        fputs("chat: out of memory\n", stderr);
        return 1;
    }
    printf("chat on 127.0.0.1:%d\n", ac_socket_port(listener));
    fflush(stdout);

    await(ac_select(accept_loop(listener), ac_signal_recv(&sigint), ac_signal_recv(&sigterm)));
    ac_signal_unlisten(&sigint);
    ac_signal_unlisten(&sigterm);
    await(ac_close(listener));
    /* Every client leaves the room as if it had hung up; the receive ends (-EPIPE) once the last
     * one has closed its socket and its sender. */
    ac_cancel_token_cancel(stopping);
    ac_mpsc_sender_close(alive);
    char none;
    await(ac_mpsc_recv(alive, &none));
    ac_mpsc_receiver_close(alive);
    ac_cancel_token_free(stopping);
    ac_broadcast_close(room);
    return 0;
}
