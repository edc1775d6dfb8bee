/* tests/runtime/test_recv_waitall.c (async C): ac_recv with MSG_WAITALL on a stream socket waits
 * for all len bytes, as recv(2) and io_uring's recv do: the epoll backend's non-blocking recv
 * returned the first part that arrived (4 bytes of 40 sent in pieces), io_uring all 40. Also on
 * both: the end of the stream or an error ends it with the bytes that came; a datagram socket
 * gives one datagram; MSG_DONTWAIT answers at once; dropped mid-way under a timeout, the
 * bytes it took come to the next recv, so nothing is lost. */
#include <sys/socket.h>
#include <unistd.h>

#include "test.h"

/* Sends n pieces of "abcd", a few ms apart. */
static async void dribble(int fd, int n)
{
    for (int i = 0; i < n; i++) {
        CHECK_EQ(await(ac_send(fd, "abcd", 4, 0)), 4);
        await(ac_sleep_ms(2));
    }
}

static void check_pieces(const char *buf, long n)
{
    for (long i = 0; i < n; i++)
        CHECK_EQ(buf[i], "abcd"[i % 4]);
}

async int main(void)
{
    int sv[2];
    CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
    char buf[64];

    /* Every byte asked for, arriving in ten pieces. */
    ac_task *t = ac_spawn(dribble(sv[0], 10));
    CHECK_EQ(await(ac_recv(sv[1], buf, 40, MSG_WAITALL)), 40);
    check_pieces(buf, 40);
    await(ac_task_join(t, NULL));

    /* Without MSG_WAITALL: the first piece. */
    t = ac_spawn(dribble(sv[0], 3));
    CHECK_EQ(await(ac_recv(sv[1], buf, 12, 0)), 4);
    CHECK_EQ(await(ac_recv(sv[1], buf, 8, MSG_WAITALL)), 8);
    await(ac_task_join(t, NULL));

    /* MSG_DONTWAIT: what is there, at once. */
    CHECK_EQ(await(ac_send(sv[0], "abcd", 4, 0)), 4);
    CHECK_EQ(await(ac_recv(sv[1], buf, 40, MSG_WAITALL | MSG_DONTWAIT)), 4);

    /* Dropped with part of it taken: the next recv starts with those bytes. */
    t = ac_spawn(dribble(sv[0], 2));
    long n = -1;
    CHECK_EQ(await(ac_timeout(50, n = ac_recv(sv[1], buf, 40, MSG_WAITALL))), -ETIMEDOUT);
    await(ac_task_join(t, NULL));
    CHECK_EQ(await(ac_recv(sv[1], buf, 40, MSG_DONTWAIT)), 8);
    check_pieces(buf, 8);

    /* The end of the stream: the bytes that came. */
    t = ac_spawn(dribble(sv[0], 3));
    await(ac_task_join(t, NULL));
    CHECK_EQ(await(ac_shutdown(sv[0], SHUT_WR)), 0);
    CHECK_EQ(await(ac_recv(sv[1], buf, 40, MSG_WAITALL)), 12);
    CHECK_EQ(await(ac_recv(sv[1], buf, 40, MSG_WAITALL)), 0);
    close(sv[0]);
    close(sv[1]);

    /* A datagram socket: one datagram, however short. */
    CHECK_EQ(socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sv), 0);
    CHECK_EQ(await(ac_send(sv[0], "abcd", 4, 0)), 4);
    CHECK_EQ(await(ac_send(sv[0], "abcd", 4, 0)), 4);
    CHECK_EQ(await(ac_recv(sv[1], buf, 40, MSG_WAITALL)), 4);
    CHECK_EQ(await(ac_recv(sv[1], buf, 40, MSG_WAITALL)), 4);
    close(sv[0]);
    close(sv[1]);
    printf("recv_waitall: ok (%s)\n", ac_runtime_backend());
    return 0;
}
