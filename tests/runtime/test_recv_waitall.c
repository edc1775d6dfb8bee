/* tests/runtime/test_recv_waitall.c (async C): ac_recv with MSG_WAITALL on a stream socket waits
 * for all len bytes, as recv(2) and io_uring's recv do: the epoll backend's non-blocking recv
 * returned the first part that arrived (4 bytes of 40 sent in pieces), io_uring all 40. Also on
 * both: the end of the stream or an error ends it with the bytes that came; a datagram socket
 * gives one datagram; MSG_DONTWAIT answers at once; dropped mid-way under a timeout, the
 * bytes it took come to the next recv, so nothing is lost. The same for ac_recvmsg (over two
 * iovecs, with the first part's control data: a descriptor passed) and ac_recvfrom, where the
 * epoll backend returned the first 4 bytes. */
#include <string.h>
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

/* Sends "abcd", then after a few ms n bytes of the same pattern in one send. */
static async void dribble_then(int fd, int n)
{
    char more[64];
    for (int i = 0; i < n; i++)
        more[i] = "abcd"[i % 4];
    await(dribble(fd, 1));
    CHECK_EQ(await(ac_send(fd, more, (size_t)n, 0)), n);
}

/* recvmsg of 40 bytes into iovecs of 6 and 34, MSG_WAITALL, with room for a descriptor. */
static async long recvmsg_40(int fd, char *buf, int *passed)
{
    struct iovec iov[2] = {{buf, 6}, {buf + 6, 34}};
    union {
        char space[CMSG_SPACE(sizeof(int))];
        struct cmsghdr align;
    } ctrl;
    struct msghdr msg = {.msg_iov = iov, .msg_iovlen = 2, .msg_control = ctrl.space,
                         .msg_controllen = sizeof ctrl.space};
    long n = await(ac_recvmsg(fd, &msg, MSG_WAITALL | MSG_CMSG_CLOEXEC));
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    *passed = -1;
    if (c && c->cmsg_type == SCM_RIGHTS)
        memcpy(passed, CMSG_DATA(c), sizeof *passed);
    return n;
}

/* Sends "abcd" with a descriptor (fd), then n - 1 more pieces a few ms apart. */
static async void dribble_fd(int sock, int n, int fd)
{
    union {
        char space[CMSG_SPACE(sizeof(int))];
        struct cmsghdr align;
    } ctrl;
    memset(&ctrl, 0, sizeof ctrl);
    struct iovec iov = {"abcd", 4};
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctrl.space,
                         .msg_controllen = sizeof ctrl.space};
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &fd, sizeof fd);
    CHECK_EQ(await(ac_sendmsg(sock, &msg, 0)), 4);
    await(ac_sleep_ms(2));
    await(dribble(sock, n - 1));
}

static async void check_recvmsg(int sv[2])
{
    char buf[64];
    int passed;
    /* Every byte, in ten pieces, the descriptor with the first. */
    ac_task *t = ac_spawn(dribble_fd(sv[0], 10, 0));
    CHECK_EQ(await(recvmsg_40(sv[1], buf, &passed)), 40);
    check_pieces(buf, 40);
    CHECK(passed > 2);
    close(passed);
    await(ac_task_join(t, NULL));

    /* More iovecs than a later part takes at once (8): 12 of 4 bytes, 4 bytes and then 44 at
     * once, which fill the second part's 8 iovecs with 12 bytes to come. */
    struct iovec many[12];
    for (int i = 0; i < 12; i++)
        many[i] = (struct iovec){buf + 4 * i, 4};
    struct msghdr mm = {.msg_iov = many, .msg_iovlen = 12};
    t = ac_spawn(dribble_then(sv[0], 44));
    CHECK_EQ(await(ac_recvmsg(sv[1], &mm, MSG_WAITALL)), 48);
    check_pieces(buf, 48);
    await(ac_task_join(t, NULL));

    /* recvfrom too. */
    t = ac_spawn(dribble(sv[0], 10));
    CHECK_EQ(await(ac_recvfrom(sv[1], buf, 40, MSG_WAITALL, NULL, NULL)), 40);
    check_pieces(buf, 40);
    await(ac_task_join(t, NULL));

    /* Dropped with part of it taken: the next read gets those bytes first. */
    t = ac_spawn(dribble(sv[0], 2));
    long n = -1;
    CHECK_EQ(await(ac_timeout(50, n = recvmsg_40(sv[1], buf, &passed))), -ETIMEDOUT);
    await(ac_task_join(t, NULL));
    CHECK_EQ(await(ac_recv(sv[1], buf, 40, MSG_DONTWAIT)), 8);
    check_pieces(buf, 8);
    t = ac_spawn(dribble(sv[0], 3));
    CHECK_EQ(await(ac_timeout(50, n = ac_recvfrom(sv[1], buf, 40, MSG_WAITALL, NULL, NULL))),
             -ETIMEDOUT);
    await(ac_task_join(t, NULL));
    CHECK_EQ(await(ac_recv(sv[1], buf, 40, MSG_DONTWAIT)), 12);
    check_pieces(buf, 12);
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

    await(check_recvmsg(sv));

    /* The end of the stream: the bytes that came. */
    t = ac_spawn(dribble(sv[0], 3));
    await(ac_task_join(t, NULL));
    CHECK_EQ(await(ac_shutdown(sv[0], SHUT_WR)), 0);
    CHECK_EQ(await(ac_recv(sv[1], buf, 40, MSG_WAITALL)), 12);
    CHECK_EQ(await(ac_recv(sv[1], buf, 40, MSG_WAITALL)), 0);
    CHECK_EQ(await(recvmsg_40(sv[1], buf, &(int){0})), 0);
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
