/* tests/runtime/test_sendfile_pipe.c (async C): ac_sendfile with a pipe as in_fd. Its bytes go
 * straight to the output, so a call dropped mid-way (a timeout, again and again) loses none:
 * before, they went through the call's own pipe, and those taken into it and not sent were
 * closed with it (4,194,304 sent, 3,866,624 received on io_uring). A count smaller than what the
 * pipe holds leaves the rest there; an offset gives -ESPIPE; a socket as input -EINVAL. */
#define _GNU_SOURCE /* pipe2 */
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "test.h"

#define LEN (4L << 20)

static unsigned char byte_at(long i)
{
    return (unsigned char)(i * 7 + i / 65536);
}

/* Reads fd to its end, slowly (the sends back up), checking each byte's place in the stream. */
static async long receive(int fd)
{
    static unsigned char buf[65536];
    long n, total = 0;
    while ((n = await(ac_read(fd, buf, sizeof buf))) > 0) {
        for (long k = 0; k < n; k++)
            if (buf[k] != byte_at(total + k)) {
                fprintf(stderr, "byte %ld: %u, expected %u\n", total + k, buf[k], byte_at(total + k));
                abort();
            }
        total += n;
        await(ac_sleep_us(200));
    }
    return total;
}

static async void feed(int fd)
{
    static unsigned char buf[65536];
    for (long at = 0; at < LEN; at += (long)sizeof buf) {
        for (long k = 0; k < (long)sizeof buf; k++)
            buf[k] = byte_at(at + k);
        CHECK_EQ(await(ac_write_all(fd, buf, sizeof buf)), (long)sizeof buf);
    }
    close(fd);
}

async int main(void)
{
    int in[2], out[2];
    CHECK_EQ(pipe2(in, O_CLOEXEC), 0);
    CHECK_EQ(pipe2(out, O_CLOEXEC), 0);
    ac_task *feeder = ac_spawn(feed(in[1])), *reader = ac_spawn(receive(out[0]));
    long n, calls = 0, dropped = 0;
    do {
        n = 1;
        calls++;
        if (await(ac_timeout(2, n = ac_sendfile(out[1], in[0], -1, 1 << 20))) != 0)
            dropped++;
    } while (n != 0);
    close(out[1]);
    CHECK_EQ(await(ac_task_join(feeder, NULL)), 0);
    long got = 0;
    CHECK_EQ(await(ac_task_join(reader, &got)), 0);
    CHECK_EQ(got, LEN);
    close(in[0]);

    /* A count below what the pipe holds: the rest stays in it. */
    CHECK_EQ(pipe2(in, O_CLOEXEC), 0);
    int sv[2];
    CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
    CHECK_EQ(write(in[1], "abcdefghij", 10), 10);
    CHECK_EQ(await(ac_sendfile(sv[0], in[0], -1, 4)), 4);
    char buf[16];
    CHECK_EQ(read(sv[1], buf, sizeof buf), 4);
    CHECK_EQ(memcmp(buf, "abcd", 4), 0);
    CHECK_EQ(read(in[0], buf, sizeof buf), 6);
    CHECK_EQ(memcmp(buf, "efghij", 6), 0);
    /* The writers gone: what was there, then 0. */
    CHECK_EQ(write(in[1], "xyz", 3), 3);
    close(in[1]);
    CHECK_EQ(await(ac_sendfile(sv[0], in[0], -1, 100)), 3);
    CHECK_EQ(await(ac_sendfile(sv[0], in[0], -1, 100)), 0);
    CHECK_EQ(read(sv[1], buf, sizeof buf), 3);
    /* A pipe has no offsets; a socket is no file. */
    CHECK_EQ(await(ac_sendfile(sv[0], in[0], 0, 100)), -ESPIPE);
    CHECK_EQ(await(ac_sendfile(in[0], sv[1], -1, 100)), -EINVAL);
    close(in[0]);
    close(sv[0]);
    close(sv[1]);
    printf("sendfile_pipe: ok (%s), %ld calls, %ld dropped mid-way\n", ac_runtime_backend(), calls,
           dropped);
    return 0;
}
