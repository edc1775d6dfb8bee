/* tests/runtime/test_transfer.c (async C): bulk transfers over real sockets and files:
 * send_all of 8 MiB to a slow reader, writev_all over 20 iovecs (empty ones too) that the
 * socket takes in many short writes, readv/writev, splice, sendfile of a 3 MiB file (whole,
 * from an offset, past the end; from the page cache on the worker, through a pipe for pages
 * not cached and for an output that is no socket) and a sendfile cancelled mid-way. */
#define _GNU_SOURCE /* pipe2 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "test.h"

#define BIG (8u << 20)
#define FILE_SIZE (3u << 20)

static unsigned char pattern(size_t i)
{
    return (unsigned char)(i * 7 + i / 4096);
}

/* Reads len bytes (from a socket or a pipe), in small pieces with pauses at first, and checks
 * them against the pattern starting at from. */
static async long slow_reader(int fd, size_t len, size_t from)
{
    static unsigned char buf[65536]; /* one reader at a time */
    size_t got = 0;
    int reads = 0;
    while (got < len) {
        size_t want = len - got < sizeof buf ? len - got : sizeof buf;
        if (reads++ < 20) {
            await(ac_sleep_ms(1));
            want = want < 1000 ? want : 1000;
        }
        long n = await(ac_read(fd, buf, want));
        if (n <= 0)
            return n < 0 ? n : (long)got;
        for (long i = 0; i < n; i++)
            if (buf[i] != pattern(from + got + (size_t)i))
                return -EILSEQ;
        got += (size_t)n;
    }
    return (long)got;
}

async int main(void)
{
    int sv[2];
    CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
    unsigned char *big = malloc(BIG);
    for (size_t i = 0; i < BIG; i++)
        big[i] = pattern(i);

    /* send_all: all of it, whatever the reader takes at a time. */
    ac_task *rt = ac_spawn(slow_reader(sv[1], BIG, 0));
    long n = await(ac_send_all(sv[0], big, BIG, 0));
    CHECK_EQ(n, BIG);
    long got = -1;
    await(ac_task_join(rt, &got));
    CHECK_EQ(got, BIG);
    CHECK_EQ(await(ac_send_all(sv[0], big, 0, 0)), 0);

    /* writev_all over 20 iovecs of uneven sizes (some empty), 4 MiB in all. */
    struct iovec iov[20];
    size_t at = 0;
    for (int i = 0; i < 20; i++) {
        size_t len = (i % 5 == 0) ? 0 : (size_t)(i * 40000 + 13);
        iov[i].iov_base = big + at;
        iov[i].iov_len = len;
        at += len;
    }
    struct iovec copy[20];
    memcpy(copy, iov, sizeof iov);
    rt = ac_spawn(slow_reader(sv[1], at, 0));
    n = await(ac_writev_all(sv[0], iov, 20));
    CHECK_EQ(n, at);
    CHECK(memcmp(copy, iov, sizeof iov) == 0); /* not modified */
    await(ac_task_join(rt, &got));
    CHECK_EQ(got, at);

    /* writev_all and readv/writev on a pipe (not a socket). */
    int p[2];
    CHECK_EQ(pipe2(p, O_CLOEXEC), 0);
    struct iovec two[2] = {{"abc", 3}, {"defg", 4}};
    CHECK_EQ(await(ac_writev_all(p[1], two, 2)), 7);
    CHECK_EQ(await(ac_writev(p[1], two, 1)), 3);
    char x[5], y[5];
    struct iovec rd[2] = {{x, 5}, {y, 5}};
    n = await(ac_readv(p[0], rd, 2));
    CHECK_EQ(n, 10);
    CHECK(memcmp(x, "abcde", 5) == 0 && memcmp(y, "fgabc", 5) == 0);

    /* A file for splice and sendfile. */
    char path[64];
    snprintf(path, sizeof path, "/tmp/asyncc-transfer-%d", (int)getpid());
    int file = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    CHECK_INT(>=, file, 0);
    CHECK_EQ(await(ac_write_all(file, big, FILE_SIZE)), FILE_SIZE);

    /* splice: 1000 bytes from offset 5000 of the file into the pipe. */
    n = await(ac_splice(file, 5000, p[1], -1, 1000, 0));
    CHECK_EQ(n, 1000);
    unsigned char chunk[1000];
    CHECK_EQ(await(ac_read_exact(p[0], chunk, 1000)), 1000);
    CHECK(memcmp(chunk, big + 5000, 1000) == 0);

    /* sendfile: the whole file, then a part from an offset, then past its end. */
    rt = ac_spawn(slow_reader(sv[1], FILE_SIZE, 0));
    n = await(ac_sendfile(sv[0], file, 0, FILE_SIZE));
    CHECK_EQ(n, FILE_SIZE);
    await(ac_task_join(rt, &got));
    CHECK_EQ(got, FILE_SIZE);
    rt = ac_spawn(slow_reader(sv[1], 100000, 12345));
    n = await(ac_sendfile(sv[0], file, 12345, 100000));
    CHECK_EQ(n, 100000);
    await(ac_task_join(rt, &got));
    CHECK_EQ(got, 100000);
    rt = ac_spawn(slow_reader(sv[1], 1000, FILE_SIZE - 1000));
    n = await(ac_sendfile(sv[0], file, FILE_SIZE - 1000, 50000));
    CHECK_EQ(n, 1000);
    await(ac_task_join(rt, &got));
    CHECK_EQ(got, 1000);
    CHECK_EQ(await(ac_sendfile(sv[0], file, 0, 0)), 0);
    CHECK_EQ(await(ac_sendfile(sv[0], -1, 0, 10)), -EBADF);

    /* From the file position, which advances. */
    CHECK_EQ(lseek(file, 100, SEEK_SET), 100);
    rt = ac_spawn(slow_reader(sv[1], 200, 100));
    CHECK_EQ(await(ac_sendfile(sv[0], file, -1, 200)), 200);
    await(ac_task_join(rt, &got));
    CHECK_EQ(got, 200);
    CHECK_EQ(lseek(file, 0, SEEK_CUR), 300);
    /* The socket is non-blocking only during each sendfile(2) on the worker. */
    CHECK_EQ(fcntl(sv[0], F_GETFL) & O_NONBLOCK, 0);

    /* Pages not in the page cache (the last 2 MiB, written back and dropped) go through the
     * call's pipe, after the cached first MiB went directly. */
    CHECK_EQ(fdatasync(file), 0);
    CHECK_EQ(posix_fadvise(file, 1 << 20, 0, POSIX_FADV_DONTNEED), 0);
    rt = ac_spawn(slow_reader(sv[1], FILE_SIZE - 4096, 4096));
    CHECK_EQ(await(ac_sendfile(sv[0], file, 4096, FILE_SIZE)), FILE_SIZE - 4096);
    await(ac_task_join(rt, &got));
    CHECK_EQ(got, FILE_SIZE - 4096);
    /* Into a pipe (no socket): through the call's own pipe. */
    rt = ac_spawn(slow_reader(p[0], 300000, 777));
    CHECK_EQ(await(ac_sendfile(p[1], file, 777, 300000)), 300000);
    await(ac_task_join(rt, &got));
    CHECK_EQ(got, 300000);

    /* Cancelled while the socket is full (nobody reads): the drop waits for the kernel and
     * closes its pipe; descriptors do not leak. */
    int before = open("/dev/null", O_RDONLY | O_CLOEXEC);
    close(before);
    int t = await(ac_timeout(30, n = ac_sendfile(sv[0], file, 0, FILE_SIZE)));
    CHECK_EQ(t, -ETIMEDOUT);
    int after = open("/dev/null", O_RDONLY | O_CLOEXEC);
    close(after);
    CHECK_EQ(after, before);

    /* A closed peer: -EPIPE, no SIGPIPE. */
    close(sv[1]);
    n = await(ac_send_all(sv[0], big, 100, 0));
    CHECK(n == -EPIPE || n == -ECONNRESET);
    n = await(ac_writev_all(sv[0], two, 2));
    CHECK(n == -EPIPE || n == -ECONNRESET);
    close(sv[0]);
    close(p[0]);
    close(p[1]);
    close(file);
    unlink(path);
    free(big);
    printf("transfer: ok\n");
    return 0;
}
