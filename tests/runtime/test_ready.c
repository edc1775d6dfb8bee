/* tests/runtime/test_ready.c (async C, transpiled by asyncc): ac_fd_readable/ac_fd_writable on
 * pipes and sockets: waking when data arrives, at once when ready, hang-up and bad descriptors,
 * cancellation by a timeout, and a non-blocking ping-pong driven only by readiness. */
#define _GNU_SOURCE /* pipe2 */
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "test.h"

#define ROUNDS 200

static async void write_later(int fd, unsigned long ms)
{
    await(ac_sleep_ms(ms));
    CHECK_EQ(write(fd, "x", 1), 1);
}

/* Reads one byte from a non-blocking fd, waiting for readiness on EAGAIN like a C library
 * with a non-blocking mode would make its caller do. */
static async int read_byte(int fd, char *c)
{
    for (;;) {
        long n = read(fd, c, 1);
        if (n == 1)
            return 0;
        if (n == 0)
            return -EPIPE;
        if (errno != EAGAIN)
            return -errno;
        int r = await(ac_fd_readable(fd));
        if (r < 0)
            return r;
    }
}

static async void send_byte(int fd, char c)
{
    int w = await(ac_fd_writable(fd));
    CHECK(w & POLLOUT);
    CHECK_EQ(write(fd, &c, 1), 1);
}

/* The first side sends i and expects it back; the other echoes. */
static async int ping(int fd, int first)
{
    char c = 0;
    for (int i = 0; i < ROUNDS; i++) {
        if (first)
            await(send_byte(fd, (char)i));
        int r = await(read_byte(fd, &c));
        CHECK_EQ(r, 0);
        CHECK_EQ(c, (char)i);
        if (!first)
            await(send_byte(fd, c));
    }
    return 0;
}

async int main(void)
{
    int p[2];
    char c;
    CHECK_EQ(pipe2(p, O_CLOEXEC), 0);

    /* Data arriving later wakes the wait. */
    unsigned long long t0 = ac_now_ms();
    ac_task *w = ac_spawn(write_later(p[1], 20));
    int r = await(ac_fd_readable(p[0]));
    CHECK(r & POLLIN);
    CHECK_INT(>=, ac_now_ms() - t0, 15);
    await(ac_task_join(w, NULL));

    /* Ready already: completes at once, and reading readiness consumed nothing. */
    r = await(ac_fd_ready(p[0], POLLIN | POLLPRI));
    CHECK_EQ(r, POLLIN);
    CHECK_EQ(read(p[0], &c, 1), 1);

    /* Cancelled by a timeout: nothing consumed, and a later wait works. */
    r = 0;
    int t = await(ac_timeout(20, r = ac_fd_readable(p[0])));
    CHECK_EQ(t, -ETIMEDOUT);
    CHECK_EQ(r, 0);
    CHECK_EQ(write(p[1], "y", 1), 1);
    t = await(ac_timeout(1000, r = ac_fd_readable(p[0])));
    CHECK_EQ(t, 0);
    CHECK(r & POLLIN);
    CHECK_EQ(read(p[0], &c, 1), 1);
    CHECK_EQ(c, 'y');

    /* A full pipe is not writable until it is drained. */
    CHECK_EQ(ac_fd_set_nonblocking(p[1], 1), 0);
    char block[4096] = {0};
    while (write(p[1], block, sizeof block) > 0)
        ;
    CHECK_EQ(errno, EAGAIN);
    t = await(ac_timeout(20, r = ac_fd_writable(p[1])));
    CHECK_EQ(t, -ETIMEDOUT);
    CHECK_EQ(ac_fd_set_nonblocking(p[0], 1), 0);
    while (read(p[0], block, sizeof block) > 0)
        ;
    r = await(ac_fd_writable(p[1]));
    CHECK(r & POLLOUT);

    /* Hang-up: reported though not asked for. */
    close(p[1]);
    r = await(ac_fd_readable(p[0]));
    CHECK(r & POLLHUP);
    close(p[0]);

    /* A descriptor that is not open: -EBADF on both backends (epoll's poll(2) said POLLNVAL). */
    r = await(ac_fd_readable(p[0]));
    CHECK_EQ(r, -EBADF);
    r = await(ac_fd_ready(p[0], POLLOUT | POLLPRI));
    CHECK_EQ(r, -EBADF);

    /* Only the events asked for, POLLERR and POLLHUP, as poll(2) says them, on both backends
     * (io_uring reported POLLRDHUP unasked, 0x2001 for POLLIN after the peer's shutdown). */
    int hp[2];
    CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, hp), 0);
    CHECK_EQ(shutdown(hp[1], SHUT_WR), 0);
    CHECK_EQ(await(ac_fd_ready(hp[0], POLLIN)), POLLIN);
    CHECK_EQ(await(ac_fd_ready(hp[0], POLLOUT)), POLLOUT);
    CHECK_EQ(await(ac_fd_ready(hp[0], POLLIN | POLLRDHUP)), POLLIN | POLLRDHUP);
    close(hp[1]);
    CHECK_EQ(await(ac_fd_readable(hp[0])), POLLIN | POLLHUP);
    close(hp[0]);

    /* Two tasks ping-pong over a non-blocking socket pair, driven by readiness alone. */
    int sv[2];
    CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv), 0);
    ac_task *a = ac_spawn(ping(sv[0], 1));
    ac_task *b = ac_spawn(ping(sv[1], 0));
    int ra = -1, rb = -1;
    await(ac_task_join(a, &ra));
    await(ac_task_join(b, &rb));
    CHECK_EQ(ra, 0);
    CHECK_EQ(rb, 0);
    close(sv[0]);
    close(sv[1]);
    printf("ready: ok\n");
    return 0;
}
