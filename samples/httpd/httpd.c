/* httpd.c: a static-file HTTP/1.1 server in async C: keep-alive, pipelining, 404s, no escape
 * from the root, regular files only, small ones read whole, large ones sent with ac_sendfile.
 * Usage: httpd [--port N] [--root DIR] [--idle-timeout S] [--header-timeout S] [--send-timeout S]
 * (default 8080, the current directory, 75, 60 and 60 seconds); 127.0.0.1. Idle or stalled
 * connections are closed, and so are those whose client stops taking its responses.
 * SIGINT or SIGTERM stops it with exit status 0. */
#include <asyncc.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdatomic.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "http.h"

/* Files up to this size are read whole into the response buffer (open, read and close linked in
 * one io_uring submission) and go out with the other responses of a pipeline; larger ones are sent
 * from the page cache with ac_sendfile, never copied through this process. */
enum { SMALL_FILE = 64 * 1024, FLUSH_AT = 256 * 1024 };

/* Paths found larger than SMALL_FILE, by a hash of the path: their next request opens the file
 * and sends it, instead of first reading SMALL_FILE bytes that it would throw away. Only a hint,
 * shared by the connections of every worker: after the open, fstat's size decides, so a stale
 * entry or a collision costs an open, never a wrong answer. */
enum { LARGE_HINTS = 1024 };
static _Atomic unsigned long long large_hint[LARGE_HINTS];

/* FNV-1a, never 0 (an empty slot). */
static unsigned long long path_hash(const char *p)
{
    unsigned long long h = 14695981039346656037ull;
    for (; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ull;
    return h | 1;
}

static char root[PATH_MAX];

/* How long a connection may wait between requests (nginx's keepalive_timeout, 75 s) and how
 * long a request's head may take to arrive whole once it has begun (client_header_timeout,
 * 60 s), in ms; 0: for ever. Past either, the connection is closed without an answer, as nginx
 * does, so that idle or stalled clients (a slowloris trickling a byte at a time) do not hold
 * descriptors and buffers for good. A send that moves nothing for send_ms (nginx's send_timeout:
 * between two successive writes, not for the whole response) closes it too: a client that stops
 * reading would otherwise hold its descriptor, its buffers and a file for ever. */
static unsigned long idle_ms = 75000, header_ms = 60000, send_ms = 60000;

/* ac_sendfile's share of a large file given send_ms to go out: a client slower than that much
 * per send_ms (4 KiB/s with the 60 s default) is dropped as a stalled one. */
enum { SEND_CHUNK = 256 * 1024 };

struct conn {
    int fd;
    char in[HTTP_HEAD_MAX];
    size_t in_len;
    char *out; /* responses not yet sent */
    size_t out_len, out_cap;
};

static char *out_reserve(struct conn *c, size_t n)
{
    if (c->out_cap - c->out_len < n) {
        size_t cap = c->out_cap ? c->out_cap : 16 * 1024;
        while (cap - c->out_len < n)
            cap *= 2;
        char *p = realloc(c->out, cap);
        if (!p) {
            fputs("httpd: out of memory\n", stderr);
            abort();
        }
        c->out = p;
        c->out_cap = cap;
    }
    return c->out + c->out_len;
}

static void conn_free(struct conn **cp)
{
    if (!*cp)
        return;
    if ((*cp)->fd >= 0)
        close((*cp)->fd);
    free((*cp)->out);
    free(*cp);
}

/* Appends a response with a short text body (errors, redirects). */
static void respond_text(struct conn *c, int status, int keep_alive, int minor, int head_only, const char *extra)
{
    char body[64];
    int blen = snprintf(body, sizeof body, "%d %s\n", status, http_reason(status));
    char *o = out_reserve(c, 512 + 256 + sizeof body);
    size_t n = http_head(o, status, "text/plain; charset=utf-8", blen, keep_alive, minor, extra);
    if (!head_only) {
        memcpy(o + n, body, (size_t)blen);
        n += (size_t)blen;
    }
    c->out_len += n;
}

/* "Last-Modified: <mtime>\r\n" into line (64 bytes); the date's text is kept per thread for the
 * last mtime seen, as the same file is mostly asked for again. */
static const char *last_modified(char *line, time_t mtime)
{
    static __thread time_t cached = -1;
    static __thread char text[40];
    if (mtime != cached) {
        http_date(text, mtime);
        cached = mtime;
    }
    snprintf(line, 64, "Last-Modified: %s\r\n", text);
    return line;
}

/* When the request's If-Modified-Since is the file's mtime, appends a 304 (no body, no length)
 * and returns 1; else 0. */
static int respond_not_modified(struct conn *c, const struct request *rq, time_t mtime)
{
    if (!http_not_modified(rq, mtime))
        return 0;
    char line[64];
    c->out_len += http_head(out_reserve(c, 512 + 64), 304, NULL, -1, rq->keep_alive, rq->minor, last_modified(line, mtime));
    return 1;
}

/* The status for a file that could not be served: what is missing or no regular file (a
 * directory, a FIFO, a device, a socket: -EINVAL from ac_read_regular_file, -ENXIO from the open
 * of a socket) is a 404 as with nginx, what may not be read a 403, anything else a 500. */
static int error_status(int err)
{
    if (err == -ENOENT || err == -ENOTDIR || err == -EISDIR || err == -EINVAL || err == -ENXIO)
        return 404;
    return err == -EACCES ? 403 : 500;
}

static void close_file(int *fd)
{
    if (*fd >= 0)
        close(*fd);
}

/* Sends len bytes at p, each send that must wait given send_ms to move some: what the socket
 * takes at once goes without a timer (MSG_DONTWAIT), as nearly every response does. Returns 0,
 * -ETIMEDOUT or -errno. */
async int send_timed(int fd, const char *p, size_t len, int flags)
{
    while (len > 0) {
        long n = await(ac_send(fd, p, len, flags | MSG_DONTWAIT));
        if (n == -EAGAIN) {
            if (!send_ms)
                n = await(ac_send(fd, p, len, flags));
            else if (await(ac_timeout(send_ms, n = ac_send(fd, p, len, flags))) < 0)
                return -ETIMEDOUT;
        }
        if (n < 0)
            return (int)n;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Sends what is buffered (flags: MSG_MORE when a body follows at once). Returns 0 or -errno. */
async int flush(struct conn *c, int flags)
{
    if (c->out_len == 0)
        return 0;
    int r = await(send_timed(c->fd, c->out, c->out_len, flags));
    c->out_len = 0;
    return r;
}

/* Sends count bytes of file from offset 0, SEND_CHUNK at a time, each given send_ms. Returns
 * the count sent (less when the file ended first), -ETIMEDOUT or -errno. */
async long sendfile_timed(int fd, int file, size_t count)
{
    size_t done = 0;
    while (done < count) {
        size_t part = count - done < SEND_CHUNK ? count - done : SEND_CHUNK;
        long n = 0;
        if (!send_ms)
            n = await(ac_sendfile(fd, file, (long long)done, part));
        else if (await(ac_timeout(send_ms, n = ac_sendfile(fd, file, (long long)done, part))) < 0)
            return -ETIMEDOUT;
        if (n < 0)
            return n;
        done += (size_t)n;
        if ((size_t)n < part)
            break; /* the file ended */
    }
    return (long)done;
}

/* A file larger than SMALL_FILE: its head joins the buffered responses, which go out, then the
 * body goes from the page cache to the socket. Returns 0, or -errno when the connection failed.
 * With hinted (large_hint said so, nothing was read), returns 1 having answered nothing when the
 * path is not such a file (any more): the caller then reads it as usual. */
async int respond_large(struct conn *c, const char *path, const struct request *rq, int head_only, int hinted)
{
    int file __attribute__((cleanup(close_file))) = await(ac_open(path, O_RDONLY, 0));
    struct stat st;
    int ok = file >= 0 && fstat(file, &st) == 0 && S_ISREG(st.st_mode);
    if (hinted && (!ok || st.st_size <= SMALL_FILE))
        return 1;
    if (!ok) {
        respond_text(c, error_status(file < 0 ? file : -EINVAL), rq->keep_alive, rq->minor, head_only, NULL);
        return 0;
    }
    if (respond_not_modified(c, rq, st.st_mtime))
        return 0;
    char line[64];
    c->out_len += http_head(out_reserve(c, 512 + 64), 200, http_mime(path), st.st_size, rq->keep_alive, rq->minor,
                            last_modified(line, st.st_mtime));
    /* The head goes out with the first bytes of the body, not in a packet of its own. */
    if (await(flush(c, head_only ? 0 : MSG_MORE)) < 0)
        return -EPIPE;
    if (head_only)
        return 0;
    long sent = await(sendfile_timed(c->fd, file, (size_t)st.st_size));
    /* The length is promised in the head: a file that shrank meanwhile must end the connection. */
    return sent == st.st_size ? 0 : -EIO;
}

/* Whether path, ending in "/index.html", is in a directory (stat(2) on the worker: only for an
 * index that is missing). */
static int directory_exists(const char *path)
{
    char dir[PATH_MAX + HTTP_PATH_MAX];
    size_t n = strlen(path) - strlen("index.html");
    memcpy(dir, path, n);
    dir[n] = 0;
    struct stat st;
    return stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Answers one request: appends the response to c->out, or for a large file sends everything.
 * Returns 0, 1 when the connection is to close once the answers are sent, or -errno when it
 * must close at once. */
async int respond(struct conn *c, const struct request *rq)
{
    int head_only = rq->method_len == 4 && memcmp(rq->method, "HEAD", 4) == 0;
    if (!head_only && !(rq->method_len == 3 && memcmp(rq->method, "GET", 3) == 0)) {
        respond_text(c, 405, rq->keep_alive, rq->minor, 0, "Allow: GET, HEAD\r\n");
        return 0;
    }
    char rel[HTTP_PATH_MAX], path[PATH_MAX + HTTP_PATH_MAX];
    int is_dir;
    int refused = http_path(rq->target, rq->target_len, rel, &is_dir);
    if (refused == -404) {
        respond_text(c, 404, rq->keep_alive, rq->minor, head_only, NULL);
        return 0;
    }
    if (refused < 0) {
        respond_text(c, 400, 0, rq->minor, head_only, NULL); /* and close, as nginx does */
        return 1;
    }
    snprintf(path, sizeof path, "%s/%s", root, rel);
    unsigned long long h = path_hash(path);
    _Atomic unsigned long long *hint = &large_hint[h % LARGE_HINTS];
    if (atomic_load_explicit(hint, memory_order_relaxed) == h) {
        int r = await(respond_large(c, path, rq, head_only, 1));
        if (r != 1)
            return r;
        unsigned long long seen = h;
        atomic_compare_exchange_strong_explicit(hint, &seen, 0, memory_order_relaxed, memory_order_relaxed);
    }

    /* Read the file straight into the response buffer, after room for its head; one byte more
     * than SMALL_FILE tells a larger file from one of exactly that size. Only a regular file
     * is read: a FIFO or a device under the root is a 404, as with nginx, never a wait. */
    char *o = out_reserve(c, 512 + SMALL_FILE + 1);
    struct stat st; /* the fstat the read makes anyway: the mtime for Last-Modified */
    long n = await(ac_read_regular_file_stat(path, o + 512, SMALL_FILE + 1, &st));
    if (n == -EISDIR && !is_dir) {
        /* A directory named without its '/': send the client to the name with it (before the
         * query, which follows it). */
        const char *q = memchr(rq->target, '?', rq->target_len);
        int path_len = (int)(q ? q - rq->target : (long)rq->target_len);
        int q_len = q ? (int)(rq->target + rq->target_len - q) : 0;
        char loc[HTTP_HEAD_MAX + 32];
        snprintf(loc, sizeof loc, "Location: %.*s/%.*s\r\n", path_len, rq->target, q_len, q ? q : "");
        respond_text(c, 301, rq->keep_alive, rq->minor, head_only, loc);
        return 0;
    }
    if (n == -ENOENT && is_dir && directory_exists(path)) {
        /* A directory without an index: nginx's 403 (it lists none unless told to). */
        respond_text(c, 403, rq->keep_alive, rq->minor, head_only, NULL);
        return 0;
    }
    if (n < 0) {
        respond_text(c, error_status((int)n), rq->keep_alive, rq->minor, head_only, NULL);
        return 0;
    }
    if (n > SMALL_FILE) {
        atomic_store_explicit(hint, h, memory_order_relaxed);
        return await(respond_large(c, path, rq, head_only, 0));
    }
    if (respond_not_modified(c, rq, st.st_mtime))
        return 0;
    char line[64];
    size_t hl = http_head(o, 200, http_mime(path), n, rq->keep_alive, rq->minor, last_modified(line, st.st_mtime));
    if (!head_only)
        memmove(o + hl, o + 512, (size_t)n);
    c->out_len += hl + (head_only ? 0 : (size_t)n);
    return 0;
}

/* Receives more of the next request into c->in, until deadline_ms on the ac_now_ms clock (0:
 * none). Returns the count, 0 at the end of the stream, -ETIMEDOUT or -errno. */
async long recv_until(struct conn *c, unsigned long long deadline_ms)
{
    char *at = c->in + c->in_len;
    size_t room = sizeof c->in - c->in_len;
    if (!deadline_ms)
        return await(ac_recv(c->fd, at, room, 0));
    long got = 0;
    if (await(ac_timeout_at(deadline_ms, got = ac_recv(c->fd, at, room, 0))) < 0)
        return -ETIMEDOUT;
    return got;
}

/* The deadline of the next receive: idle_ms from now between requests, header_ms from the time
 * the first bytes of a request's head were waited past (*head_since, set here) within one. */
static unsigned long long next_deadline(const struct conn *c, unsigned long long *head_since)
{
    unsigned long long now = ac_now_ms();
    if (c->in_len == 0)
        return idle_ms ? now + idle_ms : 0;
    if (!*head_since)
        *head_since = now;
    return header_ms ? *head_since + header_ms : 0;
}

/* Closes the sending side and reads what the client still sends, up to LINGER_BYTES, until it
 * has been quiet for LINGER_MS or for LINGER_TOTAL_MS in all, before the caller closes: closing
 * a socket with unread input sends a reset, which can destroy the answer before the client reads
 * it (nginx's lingering_close, lingering_timeout and lingering_time). */
enum { LINGER_MS = 2000, LINGER_TOTAL_MS = 30000, LINGER_BYTES = 1024 * 1024 };
async void linger(struct conn *c)
{
    shutdown(c->fd, SHUT_WR);
    unsigned long long end = ac_now_ms() + LINGER_TOTAL_MS;
    for (size_t total = 0; total < LINGER_BYTES;) {
        c->in_len = 0;
        unsigned long long quiet = ac_now_ms() + LINGER_MS;
        long got = await(recv_until(c, quiet < end ? quiet : end));
        if (got <= 0)
            break;
        total += (size_t)got;
    }
}

/* Reads and throws away a request's body of len bytes, those in c->in from *at first, then
 * receiving after *at: the request's head before it stays where rq points. Each receive is given
 * the head's timeout. Returns 0, or -1 when the connection ended or timed out. */
async int skip_body(struct conn *c, size_t *at, size_t len)
{
    size_t have = c->in_len - *at < len ? c->in_len - *at : len;
    *at += have;
    len -= have;
    while (len > 0) {
        c->in_len = *at; /* what was received past the head is body, thrown away */
        long got = await(recv_until(c, header_ms ? ac_now_ms() + header_ms : 0));
        if (got <= 0)
            return -1;
        size_t body = (size_t)got < len ? (size_t)got : len;
        len -= body;
        /* Bytes past the body are the next request's: keep them right after the head. */
        memmove(c->in + *at, c->in + *at + body, (size_t)got - body);
        c->in_len = *at + (size_t)got - body;
    }
    return 0;
}

/* One client: answer every complete request that arrived, in order, and send the answers of a
 * pipeline together; read more only when no complete request is left, and close the connection
 * when that takes longer than idle_ms or header_ms. */
async void serve(int fd)
{
    /* Not calloc: the 32 KiB input buffer's pages are touched only as far as requests fill it. */
    struct conn *c __attribute__((cleanup(conn_free))) = malloc(sizeof *c);
    if (!c) {
        close(fd);
        return;
    }
    c->fd = fd;
    c->in_len = c->out_len = c->out_cap = 0;
    c->out = NULL;
    size_t at = 0;
    unsigned long long head_since = 0; /* when an incomplete head was first waited past */
    for (;;) {
        struct request rq;
        long used = http_parse(c->in + at, c->in_len - at, &rq);
        if (used < 0) {
            /* No body for a HEAD, though its head was refused. */
            int head_only = c->in_len - at >= 5 && memcmp(c->in + at, "HEAD ", 5) == 0;
            respond_text(c, (int)-used, 0, 1, head_only, NULL);
            if (await(flush(c, 0)) == 0)
                await(linger(c));
            break;
        }
        if (used == 0) {
            /* Nothing complete is left: send the answers so far, then wait for more. */
            if (await(flush(c, 0)) < 0)
                break;
            memmove(c->in, c->in + at, c->in_len - at);
            c->in_len -= at;
            at = 0;
            long got = await(recv_until(c, next_deadline(c, &head_since)));
            if (got <= 0)
                break;
            c->in_len += (size_t)got;
            continue;
        }
        at += (size_t)used;
        head_since = 0;
        int body_refused = rq.expect_continue && rq.body_len > (long long)(c->in_len - at);
        if (body_refused) {
            /* The client waits for a 100 before it sends the body: answer without it and
             * close (RFC 9110 lets a server refuse the body so), reading what comes. */
            rq.keep_alive = 0;
        } else if (rq.body_len > 0 && await(skip_body(c, &at, (size_t)rq.body_len)) < 0) {
            break;
        }
        int r = await(respond(c, &rq));
        if (r < 0)
            break;
        if (r == 1 || !rq.keep_alive) {
            /* What the client sent after this request is never read: linger, so that it sees
             * this answer rather than a reset. */
            int unread = 0;
            if (await(flush(c, 0)) == 0 && (c->in_len > at || body_refused || (ioctl(fd, FIONREAD, &unread) == 0 && unread > 0)))
                await(linger(c));
            break;
        }
        if (c->out_len >= FLUSH_AT && await(flush(c, 0)) < 0)
            break;
    }
    await(ac_close(fd));
    c->fd = -1;
}

async void accept_loop(int listener)
{
    for (;;) {
        int fd = await(ac_accept(listener, NULL, NULL));
        if (fd < 0) {
            await(ac_sleep_ms(10)); /* e.g. out of descriptors: let connections finish */
            continue;
        }
        ac_tcp_nodelay(fd, 1);
        ac_task_detach(ac_spawn(serve(fd)));
    }
}

static void usage(FILE *f)
{
    fputs("usage: httpd [--port N] [--root DIR] [--idle-timeout S] [--header-timeout S] [--send-timeout S]\n"
          "  --port N            default 8080; 0: any port\n"
          "  --root DIR          default: the current directory\n"
          "  --idle-timeout S    close a connection idle between requests for S seconds (75; 0: never)\n"
          "  --header-timeout S  close one whose request head takes over S seconds (60; 0: never)\n"
          "  --send-timeout S    close one whose client takes nothing of a response for S seconds (60; 0: never)\n",
          f);
}

/* Parses a number of seconds (decimals allowed) into *ms. Returns 0, or -1 when it is none. */
static int parse_seconds(const char *s, unsigned long *ms)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end || !(v >= 0 && v <= 86400 * 365))
        return -1;
    *ms = (unsigned long)(v * 1000 + 0.5);
    return 0;
}

async int main(int argc, char **argv)
{
    int port = 8080;
    const char *dir = ".";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--port") == 0 && i + 1 < argc) {
            char *end;
            long p = strtol(argv[++i], &end, 10);
            if (*end || p < 0 || p > 65535) {
                fprintf(stderr, "httpd: bad port '%s'\n", argv[i]);
                return 2;
            }
            port = (int)p;
        } else if (strcmp(argv[i], "--root") == 0 && i + 1 < argc) {
            dir = argv[++i];
        } else if ((strcmp(argv[i], "--idle-timeout") == 0 || strcmp(argv[i], "--header-timeout") == 0 ||
                    strcmp(argv[i], "--send-timeout") == 0) &&
                   i + 1 < argc) {
            unsigned long *ms = argv[i][2] == 'i' ? &idle_ms : argv[i][2] == 'h' ? &header_ms : &send_ms;
            if (parse_seconds(argv[i + 1], ms) < 0) {
                fprintf(stderr, "httpd: bad %s '%s'\n", argv[i], argv[i + 1]);
                return 2;
            }
            i++;
        } else {
            usage(strcmp(argv[i], "--help") == 0 ? stdout : stderr);
            return strcmp(argv[i], "--help") == 0 ? 0 : 2;
        }
    }
    if (!realpath(dir, root)) {
        fprintf(stderr, "httpd: %s: %s\n", dir, strerror(errno));
        return 1;
    }
    struct rlimit r;
    if (getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur < r.rlim_max) {
        r.rlim_cur = r.rlim_max;
        setrlimit(RLIMIT_NOFILE, &r);
    }
    ac_signal_listener sigint, sigterm;
    int rc = ac_signal_listen(&sigint, SIGINT);
    if (rc == 0 && (rc = ac_signal_listen(&sigterm, SIGTERM)) < 0)
        ac_signal_unlisten(&sigint);
    int listener = rc < 0 ? rc : ac_tcp_listen("127.0.0.1", (unsigned short)port, 1024);
    if (listener < 0) {
        fprintf(stderr, "httpd: cannot listen on 127.0.0.1:%d: %s\n", port, strerror(-listener));
        return 1;
    }
    printf("httpd serving %s on 127.0.0.1:%d\n", root, ac_socket_port(listener));
    fflush(stdout);
    /* Until SIGINT or SIGTERM; then the connections still open are dropped with the runtime
     * (their cleanups close them) and the exit status is 0. */
    await(ac_select(accept_loop(listener), ac_signal_recv(&sigint), ac_signal_recv(&sigterm)));
    ac_signal_unlisten(&sigint);
    ac_signal_unlisten(&sigterm);
    await(ac_close(listener));
    return 0;
}
