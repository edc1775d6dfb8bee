/* runtime/io_net.c: the socket operations of asyncc/net.h (socket, accept, connect, recv, send,
 * shutdown as ops of the backend; bind, listen and the TCP listener helper as plain calls). */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <unistd.h>

#include "asyncc/net.h"
#include "io_op.h"
#include "net_addr.h"
#include "task.h"

AC__IO_TYPE(ac_socket, int, 0);
AC_EXPORT void ac__init_ac_socket(void *frame, int domain, int type, int protocol);
void ac__init_ac_socket(void *frame, int domain, int type, int protocol)
{
    struct ac__io_frame *f = ac__io_frame_init(frame, AC__OP_SOCKET, ac__io_finish);
    f->op.a.ints.a = domain;
    f->op.a.ints.b = type;
    f->op.a.ints.c = protocol;
}

static int finish_accept(struct ac__io_frame *f, int res)
{
    if (res >= 0 && f->op.a.accept.lenp) {
        socklen_t len = *f->op.a.accept.lenp;
        AC__KERNEL_WROTE(f->op.a.accept.addr, len < f->op.a.accept.cap ? len : f->op.a.accept.cap);
    }
    return ac__io_finish(f, res);
}

AC__IO_TYPE(ac_accept, int, 0);
AC_EXPORT void ac__init_ac_accept(void *frame, int fd, struct sockaddr *addr, socklen_t *len);
void ac__init_ac_accept(void *frame, int fd, struct sockaddr *addr, socklen_t *len)
{
    struct ac__io_frame *f = ac__io_frame_init(frame, AC__OP_ACCEPT, finish_accept);
    f->op.a.accept.fd = fd;
    f->op.a.accept.addr = addr;
    f->op.a.accept.lenp = addr ? len : NULL;
    f->op.a.accept.cap = addr && len ? *len : 0;
}

AC__IO_TYPE(ac_connect, int, sizeof(struct sockaddr_storage));
AC_EXPORT void ac__init_ac_connect(void *frame, int fd, const struct sockaddr *addr,
                                   socklen_t len);
void ac__init_ac_connect(void *frame, int fd, const struct sockaddr *addr, socklen_t len)
{
    struct ac__io_frame *f = ac__io_frame_init(frame, AC__OP_CONNECT, ac__io_finish);
    if (len > sizeof f->x.addr)
        len = sizeof f->x.addr;
    ac__copy(&f->x.addr, addr, len);
    f->op.a.connect.fd = fd;
    f->op.a.connect.addr = (struct sockaddr *)&f->x.addr;
    f->op.a.connect.len = len;
}

static void init_msg(void *frame, enum ac__op_kind kind, ac__io_finish_fn *finish, int fd,
                     const void *buf, size_t len, int flags)
{
    struct ac__io_frame *f = ac__io_frame_init(frame, kind, finish);
    f->op.a.rw.fd = fd;
    f->op.a.rw.buf = (void *)buf;
    f->op.a.rw.len = len;
    f->op.a.rw.flags = flags;
    f->op.a.rw.offset = -1;
}

/* recv(2) blocks until all len bytes came there, as io_uring's recv retries (kernels since
 * 5.18); a datagram is one recv. */
static bool waits_for_all(int fd, int flags)
{
    if ((flags & (MSG_WAITALL | MSG_DONTWAIT | MSG_PEEK)) != MSG_WAITALL)
        return false;
    int type = 0;
    socklen_t len = sizeof type;
    return getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) == 0 &&
           (type == SOCK_STREAM || type == SOCK_SEQPACKET);
}

bool ac__io_part_ends(struct ac__io_frame *f, int fd, int flags, int res, size_t asked)
{
    if (res <= 0) {
        f->ret = f->ret > 0 ? f->ret : res;
        return true;
    }
    f->ret += res;
    return (size_t)res >= asked || !waits_for_all(fd, flags);
}

/* A recv: its count, unless MSG_WAITALL asks for the rest (the epoll backend's non-blocking
 * recv returns what is there): then the buffer advances past each part, f->ret counts them
 * (io_keep.c finds them there when the call is dropped), and the call ends with len bytes, at
 * the end of the stream, or at an error, which after some bytes gives their count as recv(2)
 * does. */
static int finish_recv(struct ac__io_frame *f, int res)
{
    typeof(f->op.a.rw) *rw = &f->op.a.rw;
    if (res > 0)
        AC__KERNEL_WROTE(rw->buf, (size_t)res);
    if (ac__io_part_ends(f, rw->fd, rw->flags, res, rw->len))
        return 1;
    rw->buf = (char *)rw->buf + res;
    rw->len -= (size_t)res;
    return 0;
}

AC__IO_TYPE(ac_recv, long, 0);
AC_EXPORT void ac__init_ac_recv(void *frame, int fd, void *buf, size_t len, int flags);
void ac__init_ac_recv(void *frame, int fd, void *buf, size_t len, int flags)
{
    init_msg(frame, AC__OP_RECV, finish_recv, fd, buf, len, flags);
}

AC__IO_TYPE(ac_send, long, 0);
AC_EXPORT void ac__init_ac_send(void *frame, int fd, const void *buf, size_t len, int flags);
void ac__init_ac_send(void *frame, int fd, const void *buf, size_t len, int flags)
{
    init_msg(frame, AC__OP_SEND, ac__io_finish, fd, buf, len, flags);
}

AC__IO_TYPE(ac_shutdown, int, 0);
AC_EXPORT void ac__init_ac_shutdown(void *frame, int fd, int how);
void ac__init_ac_shutdown(void *frame, int fd, int how)
{
    struct ac__io_frame *f = ac__io_frame_init(frame, AC__OP_SHUTDOWN, ac__io_finish);
    f->op.a.ints.a = fd;
    f->op.a.ints.b = how;
}

/* ------------------------------------------------------------------------------------------ */
/* Plain calls                                                                                */

int ac_bind(int fd, const struct sockaddr *addr, socklen_t len)
{
    return bind(fd, addr, len) ? -errno : 0;
}

int ac_listen(int fd, int backlog)
{
    return listen(fd, backlog) ? -errno : 0;
}

int ac_tcp_listen(const char *host, unsigned short port, int backlog)
{
    struct sockaddr_storage ss;
    socklen_t len;
    int r = ac__addr_numeric(host, port, &ss, &len);
    return r < 0 ? r : ac__socket_bound((struct sockaddr *)&ss, len, SOCK_STREAM, backlog);
}

int ac_socket_port(int fd)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    if (getsockname(fd, (struct sockaddr *)&ss, &len))
        return -errno;
    if (ss.ss_family == AF_INET)
        return ntohs(((struct sockaddr_in *)&ss)->sin_port);
    if (ss.ss_family == AF_INET6)
        return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
    return -EAFNOSUPPORT;
}
