/* asyncc/udp.h: datagram sockets (Tokio's UdpSocket): binding by address or host name, and
 * sendto/recvfrom/sendmsg/recvmsg through io_uring. Every call returns a count or -errno. */
#ifndef ASYNCC_UDP_H
#define ASYNCC_UDP_H

#include "sys.h"

#include "future.h"
#include "lang.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Bounds on the frames of the futures below (see future.h): awaiting them allocates nothing. */
enum {
    ac__frame_size_ac_sendto = 336,
    ac__frame_size_ac_recvfrom = 336,
    ac__frame_size_ac_sendmsg = 128,
    ac__frame_size_ac_recvmsg = 336
};

/* Dropping an in-flight call cancels it as described in asyncc/io.h: a datagram that the kernel
 * had already received into buf when the cancel arrived is not lost: it comes whole, with its
 * sender and ancillary data, to the socket's next receive (runtime.cancel_keep checks it). */

/* Sends one datagram of len bytes to addr (copied: it need not outlive the call; NULL on a
 * connected socket). MSG_NOSIGNAL is added. Returns the count sent or -errno. buf must stay
 * valid until the call finishes. */
AC_EXPORT async long ac_sendto(int fd, const void *buf, size_t len, int flags,
                               const struct sockaddr *addr, socklen_t addrlen);

/* Receives one datagram into buf (a longer one is truncated; MSG_TRUNC in flags returns its
 * real length). When addr is not NULL, the sender's address is written there and *addrlen (the
 * room at addr on entry) is set to its length. Returns the count or -errno. buf, addr and
 * addrlen must stay valid until the call finishes. */
AC_EXPORT async long ac_recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *addr,
                                 socklen_t *addrlen);

/* sendmsg(2)/recvmsg(2) (scatter/gather, ancillary data). msg and everything it points to must
 * stay valid until the call finishes; recvmsg updates msg->msg_namelen, msg_controllen and
 * msg_flags as recvmsg(2) does. sendmsg adds MSG_NOSIGNAL. Return the count or -errno.
 * MSG_WAITALL (here and in ac_recvfrom) on a stream socket waits for every byte the buffers
 * hold, on both backends, as recvmsg(2) does: the end of the stream or an error after some
 * bytes ends the call with their count; the name and control data come with the first bytes.
 * Dropped part-way, the bytes already taken come first to the descriptor's next read. */
AC_EXPORT async long ac_sendmsg(int fd, const struct msghdr *msg, int flags);
AC_EXPORT async long ac_recvmsg(int fd, struct msghdr *msg, int flags);

/* A datagram socket bound to host (a numeric IPv4/IPv6 address, or NULL for 0.0.0.0) and port
 * (0 picks a free one). Plain call: a numeric address needs no lookup. Returns the fd
 * (SOCK_CLOEXEC) or -errno (-EINVAL for a host that is not a numeric address). By host name,
 * with the lookup off the workers (tcp.h):
 *     ac_sockaddr a;
 *     if (await(ac_lookup_host("localhost", 5353, SOCK_DGRAM, &a, 1)) == 1)
 *         fd = ac_socket_bind(&a, SOCK_DGRAM, 0);
 * and a destination by name is an ac_lookup_host's address too, for ac_sendto or ac_connect
 * ((struct sockaddr *)&a.addr, a.len). */
AC_EXPORT int ac_udp_bind(const char *host, unsigned short port);

#ifdef __cplusplus
}
#endif

#endif
