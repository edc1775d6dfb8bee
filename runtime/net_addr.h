/* runtime/net_addr.h: socket addresses shared by the networking files: numeric host parsing and
 * the socket helpers that bind or connect by address. */
#ifndef ASYNCC_RUNTIME_NET_ADDR_H
#define ASYNCC_RUNTIME_NET_ADDR_H

#include <sys/socket.h>

/* Fills *ss and *len for a numeric IPv4 or IPv6 host (NULL: 0.0.0.0) and port. Returns 0, or
 * -EINVAL when host is not a numeric address (*ss and *len are left as they were). */
int ac__addr_numeric(const char *host, unsigned short port, struct sockaddr_storage *ss,
                     socklen_t *len);

/* A socket of type bound to addr; a stream socket (SO_REUSEADDR unless AF_UNIX) also listens
 * with backlog. Returns the fd (SOCK_CLOEXEC) or -errno. */
int ac__socket_bound(const struct sockaddr *addr, socklen_t len, int type, int backlog);

#endif
