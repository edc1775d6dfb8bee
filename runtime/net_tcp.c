/* runtime/net_tcp.c: stream sockets by name (asyncc/tcp.h): connect trying each address of a
 * lookup in turn, bind by name, Unix sockets, and the TCP_NODELAY and keepalive setters. */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/un.h>
#include <unistd.h>

#include "asyncc/net.h"
#include "asyncc/tcp.h"
#include "backend.h"
#include "net_addr.h"
#include "task.h"

extern const ac_future_type ac__type_ac_lookup_host, ac__type_ac_connect;
void ac__init_ac_lookup_host(void *frame, const char *host, unsigned short port, int socktype,
                             ac_sockaddr *out, int max);
void ac__init_ac_connect(void *frame, int fd, const struct sockaddr *addr, socklen_t len);

/* Polls a child future embedded in a frame; when it is ready, returns its int result in *out. */
static int poll_child(const ac_future_type *type, void *child, ac_cx *cx, int *out)
{
    if (type->poll(child, cx) == AC_PENDING)
        return AC_PENDING;
    *out = *(int *)((char *)child + type->result_offset);
    return AC_READY;
}

/* ------------------------------------------------------------------------------------------ */
/* ac_tcp_connect, ac_unix_connect                                                           */

struct connect_frame {
    unsigned state; /* 0 or ADDRESSED (not started), LOOKUP, CONNECT, DONE */
    int ret;
    const char *host;
    unsigned short port;
    int naddrs, next, fd, last_err;
    union {
        _Alignas(16) unsigned char lookup[ac__frame_size_ac_lookup_host];
        _Alignas(16) unsigned char connect[ac__frame_size_ac_connect];
    } child;
    ac_sockaddr addrs[AC_CONNECT_MAX_ADDRS];
};

enum { LOOKUP = 1, CONNECT = 2, ADDRESSED = 3 };

static int connect_finish(struct connect_frame *f, int ret)
{
    f->ret = ret;
    f->state = AC_STATE_DONE;
    return AC_READY;
}

static int connect_next(struct connect_frame *f, ac_cx *cx);

/* The attempt at address next returned r: connected, or on to the following address. */
static int attempt_done(struct connect_frame *f, ac_cx *cx, int r)
{
    if (r == 0)
        return connect_finish(f, f->fd);
    ac__ep_fd_closing(f->fd);
    close(f->fd);
    f->fd = -1;
    f->last_err = r;
    f->next++;
    return connect_next(f, cx);
}

/* Starts connecting to the next address that gives a socket; finishes when none is left. */
static int connect_next(struct connect_frame *f, ac_cx *cx)
{
    for (; f->next < f->naddrs; f->next++) {
        ac_sockaddr *a = &f->addrs[f->next];
        f->fd = socket(a->addr.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (f->fd < 0) {
            f->last_err = -errno;
            continue;
        }
        ac__ep_fd_created(f->fd);
        ac__init_ac_connect(f->child.connect, f->fd, (struct sockaddr *)&a->addr, a->len);
        f->state = CONNECT;
        int r;
        if (poll_child(&ac__type_ac_connect, f->child.connect, cx, &r) == AC_PENDING)
            return AC_PENDING;
        return attempt_done(f, cx, r);
    }
    /* None left. A path refused before any attempt (or every socket(2) failing) finishes
     * without having waited: it charges the budget like every leaf that completes at once, and
     * a poll that finds it spent comes back here (ADDRESSED, no address left). */
    f->state = ADDRESSED;
    if (!ac__coop_proceed(cx))
        return AC_PENDING;
    return connect_finish(f, f->last_err);
}

static int connect_poll(void *frame, ac_cx *cx)
{
    struct connect_frame *f = frame;
    int r;
    switch (f->state) {
    case 0:
        ac__init_ac_lookup_host(f->child.lookup, f->host, f->port, SOCK_STREAM, f->addrs,
                                AC_CONNECT_MAX_ADDRS);
        f->state = LOOKUP;
        /* fallthrough */
    case LOOKUP:
        if (poll_child(&ac__type_ac_lookup_host, f->child.lookup, cx, &r) == AC_PENDING)
            return AC_PENDING;
        if (r < 0)
            return connect_finish(f, r);
        f->naddrs = r;
        return connect_next(f, cx);
    case ADDRESSED:
        return connect_next(f, cx);
    case CONNECT:
        if (poll_child(&ac__type_ac_connect, f->child.connect, cx, &r) == AC_PENDING)
            return AC_PENDING;
        return attempt_done(f, cx, r);
    default:
        ac__panic("ac_tcp_connect polled after it finished");
    }
}

static void connect_drop(void *frame, ac_cx *cx)
{
    struct connect_frame *f = frame;
    if (f->state == LOOKUP)
        ac__type_ac_lookup_host.drop(f->child.lookup, cx);
    if (f->state == CONNECT) {
        ac__type_ac_connect.drop(f->child.connect, cx);
        ac__ep_fd_closing(f->fd);
        close(f->fd);
    }
    f->state = AC_STATE_DONE;
}

static struct connect_frame *connect_init(void *frame)
{
    struct connect_frame *f = frame;
    f->state = 0;
    f->ret = 0;
    f->naddrs = f->next = 0;
    f->fd = -1;
    f->last_err = -ENOENT;
    return f;
}

AC__LEAF_TYPE(ac_tcp_connect, struct connect_frame, ret, connect_poll, connect_drop, "connect");

AC_EXPORT void ac__init_ac_tcp_connect(void *frame, const char *host, unsigned short port);
void ac__init_ac_tcp_connect(void *frame, const char *host, unsigned short port)
{
    struct connect_frame *f = connect_init(frame);
    f->host = host;
    f->port = port;
}

/* The Unix path goes straight to the connect step: no lookup. An empty path names no file, as
 * for open(2) (made into an address, its NUL would name the abstract socket "", and a bind
 * there one of a name the kernel picks). */
static int unix_addr(const char *path, ac_sockaddr *a)
{
    struct sockaddr_un *un = (struct sockaddr_un *)&a->addr;
    size_t n = strlen(path);
    if (n == 0)
        return -ENOENT;
    if (n >= sizeof un->sun_path)
        return -ENAMETOOLONG;
    memset(un, 0, sizeof *un);
    un->sun_family = AF_UNIX;
    memcpy(un->sun_path, path, n + 1);
    a->len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n + 1);
    return 0;
}

AC__LEAF_TYPE(ac_unix_connect, struct connect_frame, ret, connect_poll, connect_drop, "connect");

AC_EXPORT void ac__init_ac_unix_connect(void *frame, const char *path);
void ac__init_ac_unix_connect(void *frame, const char *path)
{
    struct connect_frame *f = connect_init(frame);
    f->state = ADDRESSED;
    f->last_err = unix_addr(path, &f->addrs[0]);
    f->naddrs = f->last_err ? 0 : 1;
}

/* ------------------------------------------------------------------------------------------ */
/* ac_tcp_bind                                                                                */

struct bind_frame {
    unsigned state; /* 0, LOOKUP, DONE */
    int ret;
    const char *host;
    unsigned short port;
    int backlog;
    _Alignas(16) unsigned char lookup[ac__frame_size_ac_lookup_host];
    ac_sockaddr addrs[AC_CONNECT_MAX_ADDRS];
};

static int bind_poll(void *frame, ac_cx *cx)
{
    struct bind_frame *f = frame;
    if (f->state == 0) {
        ac__init_ac_lookup_host(f->lookup, f->host, f->port, SOCK_STREAM, f->addrs,
                                AC_CONNECT_MAX_ADDRS);
        f->state = LOOKUP;
    }
    int n;
    if (poll_child(&ac__type_ac_lookup_host, f->lookup, cx, &n) == AC_PENDING)
        return AC_PENDING;
    f->ret = n;
    for (int i = 0; i < n; i++) {
        f->ret = ac_socket_bind(&f->addrs[i], SOCK_STREAM, f->backlog);
        if (f->ret >= 0)
            break;
    }
    f->state = AC_STATE_DONE;
    return AC_READY;
}

static void bind_drop(void *frame, ac_cx *cx)
{
    struct bind_frame *f = frame;
    if (f->state == LOOKUP)
        ac__type_ac_lookup_host.drop(f->lookup, cx);
    f->state = AC_STATE_DONE;
}

AC__LEAF_TYPE(ac_tcp_bind, struct bind_frame, ret, bind_poll, bind_drop, "bind");

AC_EXPORT void ac__init_ac_tcp_bind(void *frame, const char *host, unsigned short port,
                                    int backlog);
void ac__init_ac_tcp_bind(void *frame, const char *host, unsigned short port, int backlog)
{
    struct bind_frame *f = frame;
    f->state = 0;
    f->ret = 0;
    f->host = host;
    f->port = port;
    f->backlog = backlog;
}

/* ------------------------------------------------------------------------------------------ */
/* Plain calls                                                                                */

int ac_socket_bind(const ac_sockaddr *addr, int type, int backlog)
{
    return ac__socket_bound((const struct sockaddr *)&addr->addr, addr->len, type, backlog);
}

int ac_unix_listen(const char *path, int backlog)
{
    ac_sockaddr a;
    int r = unix_addr(path, &a);
    return r < 0 ? r : ac_socket_bind(&a, SOCK_STREAM, backlog);
}

static int set_int(int fd, int level, int name, int value)
{
    return setsockopt(fd, level, name, &value, sizeof value) ? -errno : 0;
}

int ac_tcp_nodelay(int fd, int on)
{
    return set_int(fd, IPPROTO_TCP, TCP_NODELAY, on != 0);
}

int ac_tcp_keepalive(int fd, int idle_s, int interval_s, int count)
{
    int r = set_int(fd, SOL_SOCKET, SO_KEEPALIVE, idle_s >= 0);
    if (r < 0 || idle_s <= 0)
        return r;
    r = set_int(fd, IPPROTO_TCP, TCP_KEEPIDLE, idle_s);
    if (r == 0 && interval_s > 0)
        r = set_int(fd, IPPROTO_TCP, TCP_KEEPINTVL, interval_s);
    if (r == 0 && count > 0)
        r = set_int(fd, IPPROTO_TCP, TCP_KEEPCNT, count);
    return r;
}
