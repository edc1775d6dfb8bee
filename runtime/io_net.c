/* runtime/io_net.c: the socket operations of asyncc/net.h (socket, accept, connect, recv, send,
 * shutdown through io_uring; bind, listen and the TCP listener helper as plain calls). */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <unistd.h>

#include "asyncc/net.h"
#include "io_op.h"
#include "net_addr.h"

static int finish_accept(struct ac__io_frame *f, int res)
{
    if (res >= 0 && f->u.accept.lenp) {
        socklen_t len = *f->u.accept.lenp;
        AC__KERNEL_WROTE(f->u.accept.addr, len < f->u.accept.cap ? len : f->u.accept.cap);
    }
    return ac__io_finish(f, res);
}

static void prep_socket(struct io_uring_sqe *sqe, struct ac__io_frame *f)
{
    io_uring_prep_socket(sqe, f->u.ints.a, f->u.ints.b | SOCK_CLOEXEC, f->u.ints.c, 0);
}

static void prep_accept(struct io_uring_sqe *sqe, struct ac__io_frame *f)
{
    io_uring_prep_accept(sqe, f->u.accept.fd, f->u.accept.addr, f->u.accept.lenp, SOCK_CLOEXEC);
}

static void prep_connect(struct io_uring_sqe *sqe, struct ac__io_frame *f)
{
    io_uring_prep_connect(sqe, f->u.connect.fd, (struct sockaddr *)&f->u.connect.storage,
                          f->u.connect.len);
}

static void prep_recv(struct io_uring_sqe *sqe, struct ac__io_frame *f)
{
    io_uring_prep_recv(sqe, f->u.rw.fd, f->u.rw.buf, f->u.rw.len, f->u.rw.flags);
}

static void prep_send(struct io_uring_sqe *sqe, struct ac__io_frame *f)
{
    io_uring_prep_send(sqe, f->u.rw.fd, f->u.rw.buf, f->u.rw.len, f->u.rw.flags | MSG_NOSIGNAL);
}

static void prep_shutdown(struct io_uring_sqe *sqe, struct ac__io_frame *f)
{
    io_uring_prep_shutdown(sqe, f->u.ints.a, f->u.ints.b);
}

static const struct ac__io_desc socket_desc = {prep_socket, ac__io_finish};
static const struct ac__io_desc accept_desc = {prep_accept, finish_accept};
static const struct ac__io_desc connect_desc = {prep_connect, ac__io_finish};
static const struct ac__io_desc recv_desc = {prep_recv, ac__io_finish_read};
static const struct ac__io_desc send_desc = {prep_send, ac__io_finish};
static const struct ac__io_desc shutdown_desc = {prep_shutdown, ac__io_finish};

AC__IO_TYPE(ac_socket, socket_desc, int, ints);
AC_EXPORT void ac__init_ac_socket(void *frame, int domain, int type, int protocol);
void ac__init_ac_socket(void *frame, int domain, int type, int protocol)
{
    struct ac__io_frame *f = ac__io_frame_init(frame, &socket_desc);
    f->u.ints.a = domain;
    f->u.ints.b = type;
    f->u.ints.c = protocol;
}

AC__IO_TYPE(ac_accept, accept_desc, int, accept);
AC_EXPORT void ac__init_ac_accept(void *frame, int fd, struct sockaddr *addr, socklen_t *len);
void ac__init_ac_accept(void *frame, int fd, struct sockaddr *addr, socklen_t *len)
{
    struct ac__io_frame *f = ac__io_frame_init(frame, &accept_desc);
    f->u.accept.fd = fd;
    f->u.accept.addr = addr;
    f->u.accept.lenp = addr ? len : NULL;
    f->u.accept.cap = addr && len ? *len : 0;
}

AC__IO_TYPE(ac_connect, connect_desc, int, connect);
AC_EXPORT void ac__init_ac_connect(void *frame, int fd, const struct sockaddr *addr,
                                   socklen_t len);
void ac__init_ac_connect(void *frame, int fd, const struct sockaddr *addr, socklen_t len)
{
    struct ac__io_frame *f = ac__io_frame_init(frame, &connect_desc);
    f->u.connect.fd = fd;
    if (len > sizeof f->u.connect.storage)
        len = sizeof f->u.connect.storage;
    memcpy(&f->u.connect.storage, addr, len);
    f->u.connect.len = len;
}

AC__IO_TYPE(ac_recv, recv_desc, long, rw);
AC_EXPORT void ac__init_ac_recv(void *frame, int fd, void *buf, size_t len, int flags);
void ac__init_ac_recv(void *frame, int fd, void *buf, size_t len, int flags)
{
    struct ac__io_frame *f = ac__io_frame_init(frame, &recv_desc);
    f->u.rw.fd = fd;
    f->u.rw.buf = buf;
    f->u.rw.len = len;
    f->u.rw.flags = flags;
}

AC__IO_TYPE(ac_send, send_desc, long, rw);
AC_EXPORT void ac__init_ac_send(void *frame, int fd, const void *buf, size_t len, int flags);
void ac__init_ac_send(void *frame, int fd, const void *buf, size_t len, int flags)
{
    struct ac__io_frame *f = ac__io_frame_init(frame, &send_desc);
    f->u.rw.fd = fd;
    f->u.rw.buf = (char *)buf;
    f->u.rw.len = len;
    f->u.rw.flags = flags;
}

AC__IO_TYPE(ac_shutdown, shutdown_desc, int, ints);
AC_EXPORT void ac__init_ac_shutdown(void *frame, int fd, int how);
void ac__init_ac_shutdown(void *frame, int fd, int how)
{
    struct ac__io_frame *f = ac__io_frame_init(frame, &shutdown_desc);
    f->u.ints.a = fd;
    f->u.ints.b = how;
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
