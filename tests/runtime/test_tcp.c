/* tests/runtime/test_tcp.c (async C): stream sockets by name: lookups (numeric, localhost, a
 * name that does not exist, one dropped while it runs), connect and bind by name, refused
 * connections, Unix sockets, the TCP_NODELAY and keepalive setters read back, and
 * ac_socket_bind of a looked-up address with socket(2)'s type flags (SOCK_STREAM |
 * SOCK_NONBLOCK made a stream socket that was bound but not listening: accept said -EINVAL). */
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <unistd.h>

#include "test.h"

static int get_int(int fd, int level, int name)
{
    int v = -1;
    socklen_t len = sizeof v;
    CHECK_EQ(getsockopt(fd, level, name, &v, &len), 0);
    return v;
}

/* Accepts one connection and answers "pong" to what it reads. */
static async int serve_one(int lfd)
{
    int fd = await(ac_accept(lfd, NULL, NULL));
    if (fd < 0)
        return fd;
    char buf[16];
    long n = await(ac_recv(fd, buf, sizeof buf, 0));
    CHECK_EQ(n, 4);
    long w = await(ac_send_all(fd, "pong", 4, 0));
    CHECK_EQ(w, 4);
    await(ac_close(fd));
    return 0;
}

static async int ping(int fd)
{
    char buf[8];
    long w = await(ac_send_all(fd, "ping", 4, 0));
    CHECK_EQ(w, 4);
    long n = await(ac_read_exact(fd, buf, 4));
    CHECK_EQ(n, 4);
    CHECK(memcmp(buf, "pong", 4) == 0);
    return 0;
}

async int main(void)
{
    ac_sockaddr addrs[4];
    int n = await(ac_lookup_host("127.0.0.1", 80, SOCK_STREAM, addrs, 4));
    CHECK_EQ(n, 1);
    CHECK_EQ(addrs[0].addr.ss_family, AF_INET);
    CHECK_EQ(ntohs(((struct sockaddr_in *)&addrs[0].addr)->sin_port), 80);
    n = await(ac_lookup_host("::1", 443, SOCK_STREAM, addrs, 4));
    CHECK_EQ(n, 1);
    CHECK_EQ(addrs[0].addr.ss_family, AF_INET6);
    n = await(ac_lookup_host("localhost", 7, SOCK_STREAM, addrs, 4));
    CHECK_INT(>=, n, 1);
    n = await(ac_lookup_host("no-such-host.invalid", 7, SOCK_STREAM, addrs, 4));
    CHECK(n == -ENOENT || n == -EAGAIN);
    n = await(ac_lookup_host("localhost", 7, SOCK_STREAM, addrs, 0));
    CHECK_EQ(n, -EINVAL);
    /* Dropped while the pool thread resolves: the job outlives the future (ASan checks), and
     * nothing is written to out (a name's first entry was zeroed by the numeric check). */
    memset(addrs, 0x5a, sizeof addrs);
    int t = await(ac_timeout(0, n = ac_lookup_host("localhost", 7, SOCK_STREAM, addrs, 4)));
    CHECK(t == -ETIMEDOUT || t == 0);
    if (t == -ETIMEDOUT)
        for (size_t i = 0; i < sizeof addrs; i++)
            CHECK_EQ(((unsigned char *)addrs)[i], 0x5a);

    /* Bind and connect by name. */
    int lfd = await(ac_tcp_bind("localhost", 0, 16));
    CHECK_INT(>=, lfd, 0);
    int port = ac_socket_port(lfd);
    CHECK_INT(>, port, 0);
    ac_task *s = ac_spawn(serve_one(lfd));
    int fd = await(ac_tcp_connect("localhost", (unsigned short)port));
    CHECK_INT(>=, fd, 0);
    CHECK_EQ(await(ping(fd)), 0);
    int r = -1;
    await(ac_task_join(s, &r));
    CHECK_EQ(r, 0);

    /* The setters, read back. */
    CHECK_EQ(ac_tcp_nodelay(fd, 1), 0);
    CHECK_EQ(get_int(fd, IPPROTO_TCP, TCP_NODELAY), 1);
    CHECK_EQ(ac_tcp_nodelay(fd, 0), 0);
    CHECK_EQ(get_int(fd, IPPROTO_TCP, TCP_NODELAY), 0);
    CHECK_EQ(ac_tcp_keepalive(fd, 30, 5, 3), 0);
    CHECK_EQ(get_int(fd, SOL_SOCKET, SO_KEEPALIVE), 1);
    CHECK_EQ(get_int(fd, IPPROTO_TCP, TCP_KEEPIDLE), 30);
    CHECK_EQ(get_int(fd, IPPROTO_TCP, TCP_KEEPINTVL), 5);
    CHECK_EQ(get_int(fd, IPPROTO_TCP, TCP_KEEPCNT), 3);
    CHECK_EQ(ac_tcp_keepalive(fd, -1, 0, 0), 0);
    CHECK_EQ(get_int(fd, SOL_SOCKET, SO_KEEPALIVE), 0);
    CHECK_EQ(ac_tcp_nodelay(-1, 1), -EBADF);
    close(fd);

    /* ac_socket_bind takes socket(2)'s type, flags included: a stream one listens. */
    CHECK_EQ(await(ac_lookup_host("127.0.0.1", 0, SOCK_STREAM, addrs, 1)), 1);
    int types[] = {SOCK_STREAM, SOCK_STREAM | SOCK_NONBLOCK, SOCK_STREAM | SOCK_CLOEXEC};
    for (size_t i = 0; i < sizeof types / sizeof *types; i++) {
        int bound = ac_socket_bind(&addrs[0], types[i], 16);
        CHECK_INT(>=, bound, 0);
        CHECK_EQ(get_int(bound, SOL_SOCKET, SO_ACCEPTCONN), 1);
        CHECK_EQ(get_int(bound, SOL_SOCKET, SO_REUSEADDR), 1);
        s = ac_spawn(serve_one(bound));
        int c = await(ac_tcp_connect("127.0.0.1", (unsigned short)ac_socket_port(bound)));
        CHECK_INT(>=, c, 0);
        CHECK_EQ(await(ping(c)), 0);
        await(ac_task_join(s, &r));
        CHECK_EQ(r, 0);
        close(c);
        close(bound);
    }

    /* Nobody listens any more: refused, and nothing leaks. */
    close(lfd);
    fd = await(ac_tcp_connect("127.0.0.1", (unsigned short)port));
    CHECK_EQ(fd, -ECONNREFUSED);
    fd = await(ac_tcp_connect("no-such-host.invalid", 80));
    CHECK(fd == -ENOENT || fd == -EAGAIN);

    /* Unix sockets. */
    char path[64];
    snprintf(path, sizeof path, "/tmp/asyncc-test-%d.sock", (int)getpid());
    unlink(path);
    lfd = ac_unix_listen(path, 16);
    CHECK_INT(>=, lfd, 0);
    CHECK_EQ(ac_unix_listen(path, 16), -EADDRINUSE);
    s = ac_spawn(serve_one(lfd));
    fd = await(ac_unix_connect(path));
    CHECK_INT(>=, fd, 0);
    CHECK_EQ(await(ping(fd)), 0);
    await(ac_task_join(s, &r));
    CHECK_EQ(r, 0);
    close(fd);
    close(lfd);
    unlink(path);
    fd = await(ac_unix_connect(path));
    CHECK_EQ(fd, -ENOENT);
    char longpath[200];
    memset(longpath, 'a', sizeof longpath - 1);
    longpath[sizeof longpath - 1] = 0;
    CHECK_EQ(await(ac_unix_connect(longpath)), -ENAMETOOLONG);
    CHECK_EQ(ac_unix_listen(longpath, 1), -ENAMETOOLONG);
    /* An empty path names no file (bound as it was, it made an abstract socket of a name the
     * kernel picked, which no path reaches). */
    CHECK_EQ(ac_unix_listen("", 1), -ENOENT);
    CHECK_EQ(await(ac_unix_connect("")), -ENOENT);
    printf("tcp: ok\n");
    return 0;
}
