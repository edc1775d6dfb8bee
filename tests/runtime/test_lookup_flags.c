/* tests/runtime/test_lookup_flags.c (async C): the questions ac_lookup_host and connect or bind
 * by name ask getaddrinfo (wrapped: counted and checked). As Rust's std (Tokio's lookup_host and
 * TcpStream::connect), no AI_ADDRCONFIG: it drops every IPv6 answer, [::1] too, on a host whose
 * only IPv6 address is loopback, so a server bound to [::1] alone would not be found by name. */
#include <netdb.h>
#include <sys/socket.h>

#include "test.h"

int __real_getaddrinfo(const char *node, const char *service, const struct addrinfo *hints,
                       struct addrinfo **res);
int __wrap_getaddrinfo(const char *node, const char *service, const struct addrinfo *hints,
                       struct addrinfo **res);

static _Atomic int calls, last_flags;

int __wrap_getaddrinfo(const char *node, const char *service, const struct addrinfo *hints,
                       struct addrinfo **res)
{
    atomic_store(&last_flags, hints ? hints->ai_flags : -1);
    atomic_fetch_add(&calls, 1);
    return __real_getaddrinfo(node, service, hints, res);
}

/* The addresses getaddrinfo gives with no flags: those the lookup must give too. */
static int plain_lookup(const char *host, ac_sockaddr *out, int max)
{
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM}, *res;
    if (__real_getaddrinfo(host, "7", &hints, &res) != 0)
        return 0;
    int n = 0;
    for (struct addrinfo *a = res; a && n < max; a = a->ai_next, n++) {
        memcpy(&out[n].addr, a->ai_addr, a->ai_addrlen);
        out[n].len = a->ai_addrlen;
    }
    freeaddrinfo(res);
    return n;
}

async int main(void)
{
    ac_sockaddr got[8], want[8];
    int n = await(ac_lookup_host("localhost", 7, SOCK_STREAM, got, 8));
    CHECK_INT(>=, n, 1);
    CHECK_EQ(atomic_load(&calls), 1);
    CHECK_EQ(atomic_load(&last_flags) & AI_ADDRCONFIG, 0);
    CHECK_EQ(n, plain_lookup("localhost", want, 8));
    for (int i = 0; i < n; i++) {
        CHECK_EQ(got[i].len, want[i].len);
        CHECK_EQ(memcmp(&got[i].addr, &want[i].addr, got[i].len), 0);
    }

    /* The wildcard of a bind by name stays passive. */
    CHECK_EQ(await(ac_lookup_host(NULL, 7, SOCK_STREAM, got, 8)), 1);
    CHECK_EQ(atomic_load(&calls), 1); /* numeric: no lookup */

    /* Connect by name: the same question. */
    int lfd = await(ac_tcp_bind("127.0.0.1", 0, 16));
    CHECK_INT(>=, lfd, 0);
    int port = ac_socket_port(lfd);
    int fd = await(ac_tcp_connect("localhost", (unsigned short)port));
    CHECK_EQ(atomic_load(&calls), 2);
    CHECK_EQ(atomic_load(&last_flags) & AI_ADDRCONFIG, 0);
    CHECK_INT(>=, fd, 0); /* one of localhost's addresses is 127.0.0.1 */
    CHECK_EQ(await(ac_close(fd)), 0);
    CHECK_EQ(await(ac_close(lfd)), 0);
    printf("lookup_flags: ok (%s), localhost has %d address%s\n", ac_runtime_backend(), n,
           n == 1 ? "" : "es");
    return 0;
}
