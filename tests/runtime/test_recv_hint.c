/* tests/runtime/test_recv_hint.c (async C): a recv right after one that emptied its socket
 * waits for data without trying first (io_uring's IORING_RECVSEND_POLL_FIRST, the epoll
 * backend's drained note). The hint must never cost data or wake-ups: data already there when
 * the recv starts is read at once, also when the descriptor number now names another socket,
 * and a recv with flags (MSG_DONTWAIT) still does not wait (on the epoll backend it waited for
 * readiness: it returns -EAGAIN now, as recv(2) and io_uring do). */
#include <sys/socket.h>
#include <unistd.h>

#include "test.h"

/* recv with a deadline: a recv that waits for data already there would hang. */
static async long recv_within(int fd, char *buf, size_t len, int flags)
{
    long n = -1;
    int r = await(ac_timeout(5000, n = ac_recv(fd, buf, len, flags)));
    CHECK_EQ(r, 0);
    return n;
}

async int main(void)
{
    char buf[100];
    for (int round = 0; round < 200; round++) {
        int sv[2];
        CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
        /* A short read empties the socket: the next recv on this descriptor gets the hint. */
        CHECK_EQ(write(sv[1], "0123456789", 10), 10);
        CHECK_EQ(await(recv_within(sv[0], buf, sizeof buf, 0)), 10);
        /* Data that comes between the two recvs is read at once. */
        CHECK_EQ(write(sv[1], "abcde", 5), 5);
        CHECK_EQ(await(recv_within(sv[0], buf, sizeof buf, 0)), 5);
        CHECK(memcmp(buf, "abcde", 5) == 0);
        /* Data written while the recv waits wakes it. */
        long n = -1;
        int r = await(ac_timeout(1, n = ac_recv(sv[0], buf, sizeof buf, 0)));
        CHECK_EQ(r, -ETIMEDOUT);
        CHECK_EQ(write(sv[1], "xyz", 3), 3);
        CHECK_EQ(await(recv_within(sv[0], buf, sizeof buf, 0)), 3);
        /* A recv with flags is not hinted: MSG_DONTWAIT on an empty socket says so at once,
         * and reads what is there. */
        CHECK_EQ(await(recv_within(sv[0], buf, sizeof buf, MSG_DONTWAIT)), -EAGAIN);
        CHECK_EQ(write(sv[1], "k", 1), 1);
        CHECK_EQ(await(recv_within(sv[0], buf, sizeof buf, MSG_DONTWAIT)), 1);
        /* The number, closed and reused by a socket with data waiting: read at once. */
        CHECK_EQ(write(sv[1], "0123", 4), 4);
        CHECK_EQ(await(recv_within(sv[0], buf, sizeof buf, 0)), 4); /* emptied: hinted */
        int fd = sv[0];
        close(sv[0]);
        close(sv[1]);
        CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
        if (sv[0] != fd) { /* the other end took the number: swap the roles */
            int t = sv[0];
            sv[0] = sv[1];
            sv[1] = t;
        }
        CHECK_EQ(write(sv[1], "again", 5), 5);
        CHECK_EQ(await(recv_within(sv[0], buf, sizeof buf, 0)), 5);
        close(sv[0]);
        close(sv[1]);
    }
    printf("recv_hint: ok\n");
    return 0;
}
