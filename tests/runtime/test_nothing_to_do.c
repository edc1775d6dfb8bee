/* tests/runtime/test_nothing_to_do.c (async C): the looping calls given nothing to transfer
 * (ac_write_all, ac_send_all, ac_read_exact of 0 bytes, ac_writev_all of no or empty iovecs,
 * ac_buf_flush of an empty writer) complete at their first poll on both backends, as on epoll
 * they always did: on io_uring each queued a zero-length op, so ac_timeout(0, ...) of them never
 * saw one finish and a loop retrying an empty flush under a timeout spun for ever. And
 * ac_writev_all refuses a negative count with -EINVAL, as ac_writev does. */
#define _GNU_SOURCE
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "test.h"

/* A writer that flushes under a timeout that may expire at once, until the flush is seen done:
 * what each dropped flush wrote leaves the buffer, and the empty buffer's flush must end it. */
static async long flush_until_done(ac_bufwriter *w)
{
    int r = 0, rounds = 0;
    while (await(ac_timeout(0, r = ac_buf_flush(w))) == -ETIMEDOUT)
        if (++rounds == 100000)
            return -ETIMEDOUT;
    return r;
}

async int main(void)
{
    int sv[2];
    CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
    char buf[8] = "abcdefg";
    long n = -1;
    struct iovec empty[2] = {{buf, 0}, {buf, 0}};
    CHECK_EQ(await(ac_timeout(0, n = ac_write_all(sv[0], buf, 0))), 0);
    CHECK_EQ(n, 0);
    n = -1;
    CHECK_EQ(await(ac_timeout(0, n = ac_send_all(sv[0], buf, 0, 0))), 0);
    CHECK_EQ(n, 0);
    n = -1;
    CHECK_EQ(await(ac_timeout(0, n = ac_read_exact(sv[1], buf, 0))), 0);
    CHECK_EQ(n, 0);
    n = -1;
    CHECK_EQ(await(ac_timeout(0, n = ac_writev_all(sv[0], empty, 0))), 0);
    CHECK_EQ(n, 0);
    n = -1;
    CHECK_EQ(await(ac_timeout(0, n = ac_writev_all(sv[0], empty, 2))), 0);
    CHECK_EQ(n, 0);
    /* A negative count is refused as ac_writev refuses it (it was taken as none: 0). */
    CHECK_EQ(await(ac_writev(sv[0], empty, -1)), -EINVAL);
    CHECK_EQ(await(ac_writev_all(sv[0], empty, -1)), -EINVAL);

    ac_bufwriter *w = ac_bufwriter_new(sv[0], 16);
    CHECK(w);
    int r = -1;
    CHECK_EQ(await(ac_timeout(0, r = ac_buf_flush(w))), 0);
    CHECK_EQ(r, 0);
    CHECK_EQ(await(ac_buf_write(w, "hello", 5)), 5);
    CHECK_EQ(await(flush_until_done(w)), 0);
    CHECK_EQ(ac_bufwriter_buffered(w), 0);
    char got[16];
    CHECK_EQ(await(ac_read_exact(sv[1], got, 5)), 5);
    CHECK(memcmp(got, "hello", 5) == 0);
    ac_bufwriter_free(w);

    /* Nothing in the socket was sent twice or left behind. */
    CHECK_EQ(await(ac_send_all(sv[0], "!", 1, 0)), 1);
    CHECK_EQ(await(ac_recv(sv[1], got, sizeof got, 0)), 1);
    CHECK_EQ(got[0], '!');
    close(sv[0]);
    close(sv[1]);
    printf("ok\n");
    return 0;
}
