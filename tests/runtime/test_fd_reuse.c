/* tests/runtime/test_fd_reuse.c (async C): a socket the runtime created (ac_accept), closed with
 * close(2) instead of ac_close, whose number the program then gets back from socketpair(2): a
 * recv on the new socket must still see its data. The epoll backend registers the sockets it
 * creates once, edge-triggered, and trusts that registration while it waits; epoll forgot it at
 * the close, so only the backend's sweep (a wait without an event for a whole period, 250 ms
 * here, re-arms) keeps these waits from lasting for ever: they finish within half a second. Also after ac_close, where no sweep is needed. */
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "test.h"

/* recv with a deadline: a recv that waits on a registration epoll forgot would hang. */
static async long recv_within(int fd, char *buf, size_t len)
{
    long n = -1;
    int r = await(ac_timeout(5000, n = ac_recv(fd, buf, len, 0)));
    CHECK_EQ(r, 0);
    return n;
}

static async void write_later(int fd, const char *s)
{
    await(ac_sleep_ms(2));
    CHECK_EQ(write(fd, s, strlen(s)), (long)strlen(s));
}

/* A connection accepted by the runtime, and its client end (blocking, raw). */
static async int accepted(int listener, int *client)
{
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((unsigned short)ac_socket_port(listener)),
                            .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    *client = socket(AF_INET, SOCK_STREAM, 0);
    CHECK(*client >= 0);
    CHECK_EQ(connect(*client, (struct sockaddr *)&a, sizeof a), 0);
    int fd = await(ac_accept(listener, NULL, NULL));
    CHECK(fd >= 0);
    return fd;
}

/* A socketpair whose first end has the number fd (the lowest free one, as fd was just closed). */
static void pair_at(int fd, int sv[2])
{
    CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    if (sv[0] != fd) {
        int t = sv[0];
        sv[0] = sv[1];
        sv[1] = t;
    }
    CHECK_EQ(sv[0], fd);
}

async int main(void)
{
    char buf[100];
    int listener = ac_tcp_listen("127.0.0.1", 0, 16);
    CHECK(listener >= 0);
    for (int round = 0; round < 4; round++) {
        int client, sv[2];
        int fd = await(accepted(listener, &client));
        /* Requests and replies, with waits: the registration is made and then trusted. */
        for (int i = 0; i < 3; i++) {
            ac_task_detach(ac_spawn(write_later(client, "ping")));
            CHECK_EQ(await(recv_within(fd, buf, sizeof buf)), 4);
            CHECK_EQ(await(ac_send(fd, "pong", 4, 0)), 4);
            CHECK_EQ(read(client, buf, sizeof buf), 4);
        }
        /* Closed behind the runtime's back; the number comes back as a socketpair's end. */
        CHECK_EQ(close(client), 0);
        CHECK_EQ(close(fd), 0);
        pair_at(fd, sv);
        /* Data written while the recv waits, then data there before it starts. */
        ac_task_detach(ac_spawn(write_later(sv[1], "again")));
        CHECK_EQ(await(recv_within(sv[0], buf, sizeof buf)), 5);
        CHECK(memcmp(buf, "again", 5) == 0);
        CHECK_EQ(write(sv[1], "xy", 2), 2);
        CHECK_EQ(await(recv_within(sv[0], buf, sizeof buf)), 2);
        close(sv[0]);
        close(sv[1]);
        /* The same after ac_close. */
        fd = await(accepted(listener, &client));
        ac_task_detach(ac_spawn(write_later(client, "ping")));
        CHECK_EQ(await(recv_within(fd, buf, sizeof buf)), 4);
        CHECK_EQ(close(client), 0);
        CHECK_EQ(await(ac_close(fd)), 0);
        pair_at(fd, sv);
        ac_task_detach(ac_spawn(write_later(sv[1], "third")));
        CHECK_EQ(await(recv_within(sv[0], buf, sizeof buf)), 5);
        close(sv[0]);
        close(sv[1]);
    }
    close(listener);
    printf("fd_reuse: ok\n");
    return 0;
}
