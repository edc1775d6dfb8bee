/* runtime/net_addr.c: numeric addresses and bound sockets, shared by the TCP listener, UDP and
 * the host-name lookups (which skip the blocking pool for numeric hosts). */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <unistd.h>

#include "backend.h"
#include "net_addr.h"

int ac__addr_numeric(const char *host, unsigned short port, struct sockaddr_storage *ss,
                     socklen_t *len)
{
    /* Parsed aside: a name leaves *ss as it was (ac_lookup_host's out, when dropped later). */
    struct sockaddr_storage parsed;
    memset(&parsed, 0, sizeof parsed);
    struct sockaddr_in *in4 = (struct sockaddr_in *)&parsed;
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&parsed;
    if (!host || inet_pton(AF_INET, host, &in4->sin_addr) == 1) {
        in4->sin_family = AF_INET;
        in4->sin_port = htons(port);
        if (!host)
            in4->sin_addr.s_addr = htonl(INADDR_ANY);
        *len = sizeof *in4;
    } else if (inet_pton(AF_INET6, host, &in6->sin6_addr) == 1) {
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(port);
        *len = sizeof *in6;
    } else {
        return -EINVAL;
    }
    *ss = parsed;
    return 0;
}

int ac__socket_bound(const struct sockaddr *addr, socklen_t len, int type, int backlog)
{
    int fd = socket(addr->sa_family, type | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -errno;
    ac__ep_fd_fresh(fd);
    int one = 1;
    /* type may carry socket(2)'s flags (SOCK_NONBLOCK): a stream socket with them listens too. */
    bool stream = (type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) == SOCK_STREAM;
    if (stream && addr->sa_family != AF_UNIX &&
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one))
        goto err;
    if (bind(fd, addr, len) || (stream && listen(fd, backlog)))
        goto err;
    return fd;
err:;
    int r = -errno;
    close(fd);
    return r;
}
