/* tests/runtime/test_udp.c (async C): datagrams: an echo server task and clients using
 * sendto/recvfrom, sendmsg/recvmsg with two iovecs, truncation, a receive cancelled by a
 * timeout, and binding errors. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <unistd.h>

#include "test.h"

#define NCLIENTS 8
#define NMSG 50

static async int echo_server(int fd, int count)
{
    char buf[2048];
    for (int i = 0; i < count; i++) {
        struct sockaddr_storage from;
        socklen_t len = sizeof from;
        long n = await(ac_recvfrom(fd, buf, sizeof buf, 0, (struct sockaddr *)&from, &len));
        CHECK_INT(>=, n, 0);
        CHECK_EQ(len, sizeof(struct sockaddr_in));
        long w = await(ac_sendto(fd, buf, (size_t)n, 0, (struct sockaddr *)&from, len));
        CHECK_EQ(w, n);
    }
    return 0;
}

static async int client(int id, unsigned short port)
{
    int fd = ac_udp_bind("127.0.0.1", 0);
    CHECK_INT(>=, fd, 0);
    struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(port)};
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (int i = 0; i < NMSG; i++) {
        char out[64], in[64];
        int n = snprintf(out, sizeof out, "client %d message %d", id, i);
        long w = await(ac_sendto(fd, out, (size_t)n, 0, (struct sockaddr *)&to, sizeof to));
        CHECK_EQ(w, n);
        long r = await(ac_recvfrom(fd, in, sizeof in, 0, NULL, NULL));
        CHECK_EQ(r, n);
        CHECK(memcmp(in, out, (size_t)n) == 0);
    }
    close(fd);
    return 0;
}

async int main(void)
{
    int server = ac_udp_bind("127.0.0.1", 0);
    CHECK_INT(>=, server, 0);
    int port = ac_socket_port(server);
    CHECK_INT(>, port, 0);
    ac_task *st = ac_spawn(echo_server(server, NCLIENTS * NMSG));
    ac_task *clients[NCLIENTS];
    for (int i = 0; i < NCLIENTS; i++)
        clients[i] = ac_spawn(client(i, (unsigned short)port));
    for (int i = 0; i < NCLIENTS; i++) {
        int r = -1;
        await(ac_task_join(clients[i], &r));
        CHECK_EQ(r, 0);
    }
    int r = -1;
    await(ac_task_join(st, &r));
    CHECK_EQ(r, 0);

    /* sendmsg and recvmsg with two iovecs each, on a connected socket. */
    int c = ac_udp_bind("127.0.0.1", 0);
    struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons((unsigned short)port)};
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CHECK_EQ(connect(c, (struct sockaddr *)&to, sizeof to), 0);
    struct iovec out[2] = {{"hello, ", 7}, {"world", 5}};
    struct msghdr m = {.msg_iov = out, .msg_iovlen = 2};
    long n = await(ac_sendmsg(c, &m, 0));
    CHECK_EQ(n, 12);
    char a[4], b[32];
    struct iovec in[2] = {{a, sizeof a}, {b, sizeof b}};
    struct sockaddr_in from;
    struct msghdr rm = {.msg_name = &from, .msg_namelen = sizeof from, .msg_iov = in, .msg_iovlen = 2};
    n = await(ac_recvmsg(server, &rm, 0));
    CHECK_EQ(n, 12);
    CHECK(memcmp(a, "hell", 4) == 0 && memcmp(b, "o, world", 8) == 0);
    CHECK_EQ(rm.msg_namelen, sizeof from);
    CHECK_EQ(ntohs(from.sin_port), ac_socket_port(c));

    /* A datagram longer than the buffer is truncated; MSG_TRUNC tells its real length. */
    n = await(ac_sendto(c, "0123456789", 10, 0, NULL, 0));
    CHECK_EQ(n, 10);
    n = await(ac_recvfrom(server, a, sizeof a, MSG_TRUNC, NULL, NULL));
    CHECK_EQ(n, 10);
    CHECK(memcmp(a, "0123", 4) == 0);

    /* A receive cancelled by a timeout loses nothing that arrives later. */
    n = 0;
    int t = await(ac_timeout(20, n = ac_recvfrom(server, b, sizeof b, 0, NULL, NULL)));
    CHECK_EQ(t, -ETIMEDOUT);
    CHECK_EQ(n, 0);
    n = await(ac_sendto(c, "late", 4, 0, NULL, 0));
    n = await(ac_recvfrom(server, b, sizeof b, 0, NULL, NULL));
    CHECK_EQ(n, 4);
    CHECK(memcmp(b, "late", 4) == 0);

    /* Errors: a host that is not an address, a port taken, a bad descriptor. */
    CHECK_EQ(ac_udp_bind("localhost", 0), -EINVAL);
    CHECK_EQ(ac_udp_bind("127.0.0.1", (unsigned short)port), -EADDRINUSE);
    close(c);
    close(server);
    n = await(ac_sendto(server, "x", 1, 0, (struct sockaddr *)&to, sizeof to));
    CHECK_EQ(n, -EBADF);
    printf("udp: ok\n");
    return 0;
}
