/* miniredis.c: Tokio's mini-redis tutorial in async C: a Redis-protocol key-value server with
 * pipelining, pub/sub and graceful shutdown. Usage: miniredis [--port N] (default 6379; 0 picks
 * a free port); listens on 127.0.0.1 and prints the port. This file holds the async parts:
 * connections, the pub/sub writer, accepting, signals and shutdown. */
#include <asyncc.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "commands.h"
#include "db.h"

/* ---- Connections ---- */

/* The input buffer starts at IN_START, grows at once to the size an announced argument needs
 * up to IN_AHEAD, beyond that by doubling as the bytes arrive (a client announcing 512 MB and
 * sending nothing costs nothing), and shrinks back after a request larger than KEEP_MAX. */
enum { IN_START = 16 * 1024, IN_AHEAD = 256 * 1024, KEEP_MAX = 1024 * 1024 };

struct conn {
    struct conn *prev, *next; /* in the list of live connections, for shutdown */
    struct session sess;
    char *in; /* bytes received and not yet parsed */
    size_t in_len, in_cap;
    struct resp_cmd cmd;
    ac_task *writer; /* sends the subscriber's outbox, once the connection subscribed */
    int listed;
};

/* Live connections: shutdown stops their reading; main waits until the last one has gone. */
static pthread_mutex_t conns_lock = PTHREAD_MUTEX_INITIALIZER;
static struct conn *conns;
static long conns_live;
static int shutting_down;
static ac_notify *conns_gone;

static struct conn *conn_new(int fd)
{
    struct conn *c = calloc(1, sizeof *c);
    char *in = malloc(IN_START);
    if (!c || !in) {
        fputs("miniredis: out of memory\n", stderr);
        abort();
    }
    c->sess.fd = fd;
    c->in = in;
    c->in_cap = IN_START;
    resp_cmd_init(&c->cmd);
    pthread_mutex_lock(&conns_lock);
    c->next = conns;
    if (conns)
        conns->prev = c;
    conns = c;
    conns_live++;
    c->listed = 1;
    if (shutting_down)
        shutdown(fd, SHUT_RD); /* accepted just before the signal: let it go at once */
    pthread_mutex_unlock(&conns_lock);
    return c;
}

/* Takes c off the list, before its descriptor is closed (shutdown_connections uses it). */
static void conn_unlist(struct conn *c)
{
    if (!c->listed)
        return;
    pthread_mutex_lock(&conns_lock);
    if (c->prev)
        c->prev->next = c->next;
    else
        conns = c->next;
    if (c->next)
        c->next->prev = c->prev;
    c->listed = 0;
    /* Notified under the lock: main reads conns_live under it, and once it reads 0 it frees
     * conns_gone, so a notify after the unlock could touch freed memory. */
    if (--conns_live == 0 && shutting_down)
        ac_notify_one(conns_gone);
    pthread_mutex_unlock(&conns_lock);
}

/* The cleanup of a connection, also when its task is dropped (runtime shutdown). */
static void conn_release(struct conn **cp)
{
    struct conn *c = *cp;
    conn_unlist(c);
    if (c->sess.sub) {
        sub_unsubscribe_all(c->sess.sub, &c->sess.out, 1);
        sub_close(c->sess.sub, 1);
        if (c->writer)
            ac_task_abort(c->writer);
        sub_unref(c->sess.sub);
    }
    if (c->sess.fd >= 0)
        close(c->sess.fd);
    out_free(&c->sess.out);
    resp_cmd_free(&c->cmd);
    free(c->in);
    free(c);
}

/* Parses and executes every complete command in c->in, appending the replies to c->sess.out,
 * and keeps the incomplete rest at the start of the buffer. Returns 1 when the connection is to
 * be closed once the replies are sent (QUIT, or a protocol error). */
static int conn_process(struct conn *c)
{
    size_t at = 0, need = 0;
    while (!c->sess.quit) {
        const char *err = NULL;
        long used = resp_parse(c->in + at, c->in_len - at, &c->cmd, &need, &err);
        if (used < 0) {
            char msg[128];
            snprintf(msg, sizeof msg, "ERR %s", err);
            out_error(&c->sess.out, msg);
            c->sess.quit = 1;
            break;
        }
        if (used == 0)
            break;
        at += (size_t)used;
        if (c->cmd.argc > 0)
            command_execute(&c->sess, &c->cmd);
    }
    if (c->cmd.cap > 64)
        resp_cmd_free(&c->cmd); /* keep no huge argument array after a giant command */
    c->in_len -= at;
    memmove(c->in, c->in + at, c->in_len);
    /* Room for the next read: the size a large argument announced when that is modest, else
     * double a full buffer (never beyond the announced size); shrink back to the start size
     * once a large request is done. */
    size_t cap = c->in_cap;
    if (need > cap && need <= IN_AHEAD)
        cap = need;
    else if (c->in_len == cap)
        cap = need > cap && need < 2 * cap ? need : 2 * cap;
    else if (cap > KEEP_MAX && c->in_len < IN_START)
        cap = IN_START;
    if (cap != c->in_cap) {
        char *in = realloc(c->in, cap);
        if (!in) {
            fputs("miniredis: out of memory\n", stderr);
            abort();
        }
        c->in = in;
        c->in_cap = cap;
    }
    return c->sess.quit;
}

static void unref_sub(struct subscriber **s)
{
    sub_unref(*s);
}

/* Sends a subscriber's outbox to its socket until the outbox is closed and empty. A task of its
 * own: messages must go out while the connection's reader waits for the client's next command. */
async void writer(struct subscriber *subscriber, int fd)
{
    struct subscriber *s __attribute__((cleanup(unref_sub))) = subscriber;
    struct outbuf buf __attribute__((cleanup(out_free))) = {0};
    for (;;) {
        ac_notify *more;
        long n = sub_take(s, &buf, &more);
        if (n < 0)
            break;
        if (n == 0) {
            await(ac_notify_wait(more));
            continue;
        }
        if (await(ac_send_all(fd, buf.p, buf.len, 0)) < 0) {
            sub_close(s, 1);
            shutdown(fd, SHUT_RDWR); /* the reader sees the end of input and stops too */
            break;
        }
        buf.len = 0;
        if (buf.cap > KEEP_MAX)
            out_free(&buf);
    }
}

/* One client: read what arrived, execute every complete command in it, send all their replies
 * in one write (a pipeline of 16 commands costs one recv and one send), repeat. */
async void serve(int fd)
{
    struct conn *c __attribute__((cleanup(conn_release))) = conn_new(fd);
    for (;;) {
        long n = await(ac_recv(fd, c->in + c->in_len, c->in_cap - c->in_len, 0));
        if (n <= 0)
            break; /* 0: the client is done (or shutdown); < 0: -errno */
        c->in_len += (size_t)n;
        int done = conn_process(c);
        if (c->sess.sub && !c->writer) {
            sub_ref(c->sess.sub);
            c->writer = ac_spawn(writer(c->sess.sub, fd));
        }
        if (c->sess.out.len) {
            if (c->sess.sub)
                sub_push(c->sess.sub, &c->sess.out);
            else if (await(ac_send_all(fd, c->sess.out.p, c->sess.out.len, 0)) < 0)
                break;
            c->sess.out.len = 0;
            if (c->sess.out.cap > KEEP_MAX)
                out_free(&c->sess.out);
        }
        if (done)
            break;
    }
    if (c->writer) {
        /* Leave every channel, then let the writer send what is still in the outbox. */
        sub_unsubscribe_all(c->sess.sub, &c->sess.out, 1);
        sub_close(c->sess.sub, 0);
        ac_task *w = c->writer;
        c->writer = NULL;
        await(ac_task_join(w, NULL));
    }
    conn_unlist(c);
    await(ac_close(fd));
    c->sess.fd = -1;
}

/* Stops every connection from reading: each finishes the commands it has, sends their replies,
 * sees the end of its input and closes. */
static void shutdown_connections(void)
{
    pthread_mutex_lock(&conns_lock);
    shutting_down = 1;
    for (struct conn *c = conns; c; c = c->next)
        shutdown(c->sess.fd, SHUT_RD);
    if (conns_live == 0)
        ac_notify_one(conns_gone);
    pthread_mutex_unlock(&conns_lock);
}

async void connections_closed(void)
{
    for (;;) {
        pthread_mutex_lock(&conns_lock);
        long live = conns_live;
        pthread_mutex_unlock(&conns_lock);
        if (live == 0)
            return;
        await(ac_notify_wait(conns_gone));
    }
}

/* ---- Accepting, expiry, signals ---- */

async void accept_loop(int listener)
{
    for (;;) {
        int fd = await(ac_accept(listener, NULL, NULL));
        if (fd < 0) {
            fprintf(stderr, "miniredis: accept: %s\n", strerror(-fd));
            await(ac_sleep_ms(10)); /* e.g. out of descriptors: let connections finish */
            continue;
        }
        ac_tcp_nodelay(fd, 1); /* replies go out as soon as they are written, as in Redis */
        ac_task_detach(ac_spawn(serve(fd)));
    }
}

/* Removes expired keys nobody reads again (a read removes them anyway): a tenth of the keyspace
 * every 100 ms. */
async void expire_keys(void)
{
    for (;;) {
        await(ac_sleep_ms(1000 / DB_SWEEP_SLICES));
        db_sweep();
    }
}

static void usage(FILE *f)
{
    fputs("usage: miniredis [--port N]   (default 6379; 0 picks a free port)\n", f);
}

async int main(int argc, char **argv)
{
    int port = 6379;
    for (int i = 1; i < argc; i++) {
        char *end;
        if (strcmp(argv[i], "--port") == 0 && i + 1 < argc) {
            long p = strtol(argv[++i], &end, 10);
            if (*end || p < 0 || p > 65535) {
                fprintf(stderr, "miniredis: bad port '%s'\n", argv[i]);
                return 2;
            }
            port = (int)p;
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        } else {
            usage(stderr);
            return 2;
        }
    }
    struct rlimit r;
    if (getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur < r.rlim_max) {
        r.rlim_cur = r.rlim_max; /* one descriptor per client */
        setrlimit(RLIMIT_NOFILE, &r);
    }
    /* Listen for the signals before saying we are up: from then on they are the runtime's
     * (SIGINT no longer ends the process) and none is missed. */
    ac_signal_listener sigint, sigterm;
    int rc = ac_signal_listen(&sigint, SIGINT);
    if (rc == 0 && (rc = ac_signal_listen(&sigterm, SIGTERM)) < 0)
        ac_signal_unlisten(&sigint);
    int listener = rc < 0 ? rc : ac_tcp_listen("127.0.0.1", (unsigned short)port, 511);
    if (listener < 0) {
        fprintf(stderr, "miniredis: cannot listen on 127.0.0.1:%d: %s\n", port, strerror(-listener));
        return 1;
    }
    db_init();
    conns_gone = ac_notify_new();
    if (!conns_gone) {
        fputs("miniredis: out of memory\n", stderr);
        return 1;
    }
    printf("miniredis listening on 127.0.0.1:%d\n", ac_socket_port(listener));
    fflush(stdout);

    ac_task *sweeper = ac_spawn(expire_keys());
    int which = await(ac_select(accept_loop(listener), ac_signal_recv(&sigint), ac_signal_recv(&sigterm)));
    fprintf(stderr, "miniredis: %s, shutting down\n", strsignal(which == 1 ? SIGINT : SIGTERM));
    ac_signal_unlisten(&sigint);
    ac_signal_unlisten(&sigterm);
    await(ac_close(listener));
    shutdown_connections();
    int clean = await(ac_timeout(5000, connections_closed())) == 0;
    if (!clean)
        fprintf(stderr, "miniredis: connections still open after 5 s: closing them\n");
    /* Stop the sweeper and wait until it has stopped: it may be inside db_sweep on another worker. */
    ac_task_cancel(sweeper);
    await(ac_task_join(sweeper, NULL));
    if (clean) {
        db_free(); /* nothing uses the keyspace any more */
        ac_notify_free(conns_gone);
    }
    return 0;
}
