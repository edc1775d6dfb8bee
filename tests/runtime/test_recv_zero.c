/* tests/runtime/test_recv_zero.c (async C): what net.h says of a zero-length ac_recv on a TCP
 * socket, on both backends: as recv(2) on Linux, it waits until data is there (or the peer's
 * end of stream) and returns 0 without taking any; MSG_DONTWAIT makes it answer at once. */
#include <sys/socket.h>
#include <unistd.h>

#include "test.h"

async int main(void)
{
    int listener = ac_tcp_listen("127.0.0.1", 0, 4);
    CHECK_INT(>=, listener, 0);
    int client = await(ac_tcp_connect("127.0.0.1", (unsigned short)ac_socket_port(listener)));
    CHECK_INT(>=, client, 0);
    int server = await(ac_accept(listener, NULL, NULL));
    CHECK_INT(>=, server, 0);

    char buf[8];
    long n = -1;
    /* No data: it waits (the timeout ends it). */
    CHECK_EQ(await(ac_timeout(200, n = ac_recv(server, buf, 0, 0))), -ETIMEDOUT);
    CHECK_EQ(await(ac_recv(server, buf, 0, MSG_DONTWAIT)), -EAGAIN);
    /* Data there: 0 at once, and the data stays for the next recv. */
    CHECK_EQ(await(ac_send(client, "data", 4, 0)), 4);
    CHECK_EQ(await(ac_timeout(5000, n = ac_recv(server, buf, 0, 0))), 0);
    CHECK_EQ(n, 0);
    CHECK_EQ(await(ac_recv(server, buf, sizeof buf, 0)), 4);
    CHECK(memcmp(buf, "data", 4) == 0);
    /* The peer's end of stream: 0 at once too. */
    CHECK_EQ(await(ac_shutdown(client, SHUT_WR)), 0);
    n = -1;
    CHECK_EQ(await(ac_timeout(5000, n = ac_recv(server, buf, 0, 0))), 0);
    CHECK_EQ(n, 0);
    await(ac_close(server));
    await(ac_close(client));
    await(ac_close(listener));
    printf("recv_zero: ok\n");
    return 0;
}
