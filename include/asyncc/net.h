/* asyncc/net.h: sockets through io_uring, as async functions, plus small synchronous helpers.
 * Every call returns a count or a descriptor (>= 0), or a negative errno value. */
#ifndef ASYNCC_NET_H
#define ASYNCC_NET_H

#include "sys.h"

#include "future.h"
#include "lang.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Dropping an in-flight call cancels it as described in asyncc/io.h. */

/* Bounds on the frames of the futures below (see future.h): awaiting them allocates nothing. */
enum {
    ac__frame_size_ac_socket = 128,
    ac__frame_size_ac_accept = 128,
    ac__frame_size_ac_connect = 256,
    ac__frame_size_ac_recv = 128,
    ac__frame_size_ac_send = 128,
    ac__frame_size_ac_shutdown = 128
};

/* Creates a socket (socket(2) arguments; SOCK_CLOEXEC is added). Returns the fd or -errno. */
AC_EXPORT async int ac_socket(int domain, int type, int protocol);

/* bind(2) and listen(2) never block, so they are plain calls. Return 0 or -errno. */
AC_EXPORT int ac_bind(int fd, const struct sockaddr *addr, socklen_t len);
AC_EXPORT int ac_listen(int fd, int backlog);

/* Waits for a connection on listening socket fd. Returns the new fd (SOCK_CLOEXEC) or -errno;
 * fills *addr and *len when addr is not NULL (they must stay valid until the call finishes). */
AC_EXPORT async int ac_accept(int fd, struct sockaddr *addr, socklen_t *len);

/* Connects fd to addr (copied: it need not outlive the call). Returns 0 or -errno. */
AC_EXPORT async int ac_connect(int fd, const struct sockaddr *addr, socklen_t len);

/* recv(2)/send(2) with MSG_ flags. Return the count (0: peer closed) or -errno. send adds
 * MSG_NOSIGNAL, so a closed peer gives -EPIPE, not SIGPIPE. A recv of len 0 on a TCP socket
 * does what recv(2) does on Linux, on both backends: it waits until data is there (or the
 * peer's end of stream, or an error) and then returns 0 without taking any, so 0 does not mean
 * the peer closed; with MSG_DONTWAIT it returns -EAGAIN at once when nothing is there. To wait
 * for data without reading it, ac_fd_readable says so directly. MSG_WAITALL on a stream socket
 * waits for all len bytes, as recv(2) does, on both backends (the end of the stream or an error
 * ends it with the bytes that came; dropped mid-way, those come to the next read, as io.h says).
 */
AC_EXPORT async long ac_recv(int fd, void *buf, size_t len, int flags);
AC_EXPORT async long ac_send(int fd, const void *buf, size_t len, int flags);

/* Shuts down one or both directions (SHUT_RD, SHUT_WR, SHUT_RDWR). Returns 0 or -errno. */
AC_EXPORT async int ac_shutdown(int fd, int how);

/* A listening TCP socket on host (numeric IPv4/IPv6 address, NULL for 0.0.0.0) and port (0
 * picks a free one), with SO_REUSEADDR. Returns the fd or -errno. */
AC_EXPORT int ac_tcp_listen(const char *host, unsigned short port, int backlog);

/* The local port a socket is bound to, or -errno. */
AC_EXPORT int ac_socket_port(int fd);

#ifdef __cplusplus
}
#endif

#endif
