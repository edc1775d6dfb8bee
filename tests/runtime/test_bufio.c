/* tests/runtime/test_bufio.c (async C): ac_bufreader over a pipe fed in odd-sized pieces (lines,
 * records, a last line without newline, end of input), a line longer than the buffer, peek and
 * consume, exact reads past the buffer, reads cancelled by timeouts that lose nothing; and
 * ac_bufwriter: nothing sent before flush, large writes, a flush cancelled mid-way after which
 * every byte still arrives once, in order; a closed peer; one writev per flush to a pipe; a
 * file read as it grows. */
#define _GNU_SOURCE /* pipe2 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

#include "test.h"

#define NLINES 500

static const char *text(int i, char *buf, size_t len)
{
    snprintf(buf, len, "line %d %.*s", i, i % 40, "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH");
    return buf;
}

/* Writes every line, and a last one without a newline, in pieces of 1 to 37 bytes. */
static async void feed(int fd)
{
    static char all[NLINES * 64];
    size_t len = 0;
    char line[64];
    for (int i = 0; i < NLINES; i++)
        len += (size_t)sprintf(all + len, "%s\n", text(i, line, sizeof line));
    len += (size_t)sprintf(all + len, "tail");
    for (size_t at = 0, k = 1; at < len; k = k % 37 + 1) {
        size_t n = len - at < k ? len - at : k;
        CHECK_EQ(await(ac_write_all(fd, all + at, n)), n);
        at += n;
        if (k % 5 == 0)
            await(ac_yield());
    }
    close(fd);
}

static unsigned char pattern(size_t i)
{
    return (unsigned char)(i * 13 + i / 251);
}

static async long drain(int fd, size_t len)
{
    static unsigned char buf[65536];
    size_t got = 0;
    while (got < len) {
        long n = await(ac_recv(fd, buf, sizeof buf, 0));
        if (n <= 0)
            return n < 0 ? n : (long)got;
        for (long i = 0; i < n; i++)
            CHECK_EQ(buf[i], pattern(got + (size_t)i));
        got += (size_t)n;
    }
    return (long)got;
}

async int main(void)
{
    int p[2];
    CHECK_EQ(pipe2(p, O_CLOEXEC), 0);
    ac_bufreader *r = ac_bufreader_new(p[0], 100);
    CHECK(r);
    ac_task *t = ac_spawn(feed(p[1]));
    const char *line;
    char want[64];
    for (int i = 0; i < NLINES; i++) {
        long n = await(ac_buf_read_line(r, &line));
        text(i, want, sizeof want);
        CHECK_EQ(n, strlen(want) + 1);
        CHECK(memcmp(line, want, (size_t)n - 1) == 0 && line[n - 1] == '\n');
    }
    CHECK_EQ(await(ac_buf_read_line(r, &line)), 4);
    CHECK(memcmp(line, "tail", 4) == 0);
    CHECK_EQ(await(ac_buf_read_line(r, &line)), 0);
    CHECK_EQ(await(ac_buf_fill(r)), 0);
    await(ac_task_join(t, NULL));
    ac_bufreader_free(r);
    close(p[0]);

    /* Records, a record longer than the buffer, peek and consume, exact reads. */
    CHECK_EQ(pipe2(p, O_CLOEXEC), 0);
    r = ac_bufreader_new(p[0], 16);
    const char *input = "a;bb;0123456789abcdefXYZ;$5\r\nhello\r\n" "0123456789abcdefghijklmnopqrstuvwxyz";
    CHECK_EQ(write(p[1], input, strlen(input)), (long)strlen(input));
    CHECK_EQ(await(ac_buf_read_until(r, ';', &line)), 2);
    /* Zero bytes asked, through NULL as read(2) allows: nothing taken, with bytes buffered. */
    CHECK_EQ(await(ac_buf_read(r, NULL, 0)), 0);
    CHECK_EQ(await(ac_buf_read_exact(r, NULL, 0)), 0);
    CHECK(memcmp(line, "a;", 2) == 0);
    CHECK_EQ(await(ac_buf_read_until(r, ';', &line)), 3);
    CHECK_EQ(await(ac_buf_read_until(r, ';', &line)), -ENOBUFS);
    size_t have;
    const char *data = ac_buf_data(r, &have);
    CHECK_EQ(have, 16);
    CHECK(memcmp(data, "0123456789abcdef", 16) == 0);
    ac_buf_consume(r, 16);
    CHECK_EQ(await(ac_buf_read_until(r, ';', &line)), 4);
    CHECK(memcmp(line, "XYZ;", 4) == 0);
    CHECK_EQ(await(ac_buf_read_line(r, &line)), 4);
    CHECK(memcmp(line, "$5\r\n", 4) == 0);
    char body[40];
    CHECK_EQ(await(ac_buf_read_exact(r, body, 7)), 7);
    CHECK(memcmp(body, "hello\r\n", 7) == 0);
    long k = await(ac_buf_read(r, body, 3)); /* what is buffered, at most 3 */
    CHECK(k >= 1 && k <= 3);
    CHECK(memcmp(body, "012", (size_t)k) == 0);
    /* More than the buffer holds. */
    CHECK_EQ(await(ac_buf_read_exact(r, body + k, 36 - (size_t)k)), 36 - k);
    CHECK(memcmp(body, "0123456789abcdefghijklmnopqrstuvwxyz", 36) == 0);

    /* Cancelled reads lose nothing: "partial" is read while the line is awaited. */
    CHECK_EQ(write(p[1], "partial", 7), 7);
    long n = 0;
    int to = await(ac_timeout(20, n = ac_buf_read_line(r, &line)));
    CHECK_EQ(to, -ETIMEDOUT);
    data = ac_buf_data(r, &have);
    CHECK_EQ(have, 7);
    CHECK_EQ(write(p[1], "-rest\n", 6), 6);
    CHECK_EQ(await(ac_buf_read_line(r, &line)), 13);
    CHECK(memcmp(line, "partial-rest\n", 13) == 0);
    to = await(ac_timeout(10, n = ac_buf_fill(r)));
    CHECK_EQ(to, -ETIMEDOUT);
    CHECK_EQ(write(p[1], "z", 1), 1);
    CHECK_EQ(await(ac_buf_fill(r)), 1);
    CHECK_EQ(await(ac_buf_read(r, body, sizeof body)), 1);
    close(p[1]);
    CHECK_EQ(await(ac_buf_read(r, body, sizeof body)), 0);
    ac_bufreader_free(r);
    close(p[0]);

    /* Writer: small writes wait in the buffer until flush. */
    int sv[2];
    CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
    ac_bufwriter *w = ac_bufwriter_new(sv[0], 64);
    CHECK_EQ(await(ac_buf_write(w, "hello ", 6)), 6);
    CHECK_EQ(await(ac_buf_write(w, "world", 5)), 5);
    CHECK_EQ(await(ac_buf_write(w, NULL, 0)), 0);
    CHECK_EQ(ac_bufwriter_buffered(w), 11);
    CHECK_EQ(recv(sv[1], body, sizeof body, MSG_DONTWAIT), -1);
    CHECK_EQ(errno, EAGAIN);
    CHECK_EQ(await(ac_buf_flush(w)), 0);
    CHECK_EQ(ac_bufwriter_buffered(w), 0);
    CHECK_EQ(await(ac_read_exact(sv[1], body, 11)), 11);
    CHECK(memcmp(body, "hello world", 11) == 0);
    /* A write that does not fit goes out with what was buffered, in order. */
    CHECK_EQ(await(ac_buf_write(w, "ab", 2)), 2);
    char big[100];
    memset(big, 'x', sizeof big);
    CHECK_EQ(await(ac_buf_write(w, big, sizeof big)), sizeof big);
    CHECK_EQ(ac_bufwriter_buffered(w), 0);
    CHECK_EQ(await(ac_read_exact(sv[1], body, 2)), 2);
    CHECK(memcmp(body, "ab", 2) == 0);
    char bigin[100];
    CHECK_EQ(await(ac_read_exact(sv[1], bigin, 100)), 100);
    CHECK(memcmp(big, bigin, 100) == 0);
    ac_bufwriter_free(w);

    /* A flush cancelled while the peer does not read: afterwards every byte arrives once. */
    size_t total = 1u << 20;
    w = ac_bufwriter_new(sv[0], total);
    unsigned char *src = malloc(total);
    for (size_t i = 0; i < total; i++)
        src[i] = pattern(i);
    CHECK_EQ(await(ac_buf_write(w, src, total)), total);
    to = await(ac_timeout(20, n = ac_buf_flush(w)));
    CHECK_EQ(to, -ETIMEDOUT);
    CHECK_INT(<, ac_bufwriter_buffered(w), total); /* some went out */
    ac_task *d = ac_spawn(drain(sv[1], total));
    CHECK_EQ(await(ac_buf_flush(w)), 0);
    long got = -1;
    await(ac_task_join(d, &got));
    CHECK_EQ(got, total);
    free(src);

    /* A closed peer: the error, and the bytes stay buffered. */
    close(sv[1]);
    CHECK_EQ(await(ac_buf_write(w, "x", 1)), 1);
    n = await(ac_buf_flush(w));
    CHECK(n == -EPIPE || n == -ECONNRESET);
    CHECK_EQ(ac_bufwriter_buffered(w), 1);
    ac_bufwriter_free(w);
    close(sv[0]);

    /* A writer to a pipe learns at its first flush that it is no socket: each later flush is
     * one writev (before: a sendmsg failing with ENOTSOCK first, every time). */
    int wp[2];
    CHECK_EQ(pipe2(wp, O_CLOEXEC), 0);
    ac_bufwriter *pw = ac_bufwriter_new(wp[1], 64);
    char echo[8];
    CHECK_EQ(await(ac_buf_write(pw, "first\n", 6)), 6);
    CHECK_EQ(await(ac_buf_flush(pw)), 0);
    CHECK_EQ(read(wp[0], echo, sizeof echo), 6);
    ac_runtime_stats before, after;
    ac_runtime_stats_get(&before);
    for (int i = 0; i < 10; i++) {
        CHECK_EQ(await(ac_buf_write(pw, "hello\n", 6)), 6);
        CHECK_EQ(await(ac_buf_flush(pw)), 0);
        CHECK_EQ(read(wp[0], echo, sizeof echo), 6);
    }
    ac_runtime_stats_get(&after);
    CHECK_INT(<=, after.io_submitted - before.io_submitted, 14); /* the rest: wakeups */
    ac_bufwriter_free(pw);
    close(wp[0]);
    close(wp[1]);

    /* End of input is not sticky: a file followed as it grows gives its new bytes to every
     * kind of read after one that returned 0 (before: 0 for ever after the first end). */
    char path[] = "/tmp/asyncc_bufio_XXXXXX";
    int wfd = mkstemp(path);
    CHECK_INT(>=, wfd, 0);
    int rfd = open(path, O_RDONLY | O_CLOEXEC);
    unlink(path);
    ac_bufreader *g = ac_bufreader_new(rfd, 64);
    CHECK_EQ(write(wfd, "a\n", 2), 2);
    CHECK_EQ(await(ac_buf_read_line(g, &line)), 2);
    CHECK_EQ(await(ac_buf_read_line(g, &line)), 0);
    CHECK_EQ(write(wfd, "b\npart", 6), 6);
    CHECK_EQ(await(ac_buf_read_line(g, &line)), 2);
    CHECK_EQ(await(ac_buf_read_line(g, &line)), 4);
    CHECK(memcmp(line, "part", 4) == 0);
    CHECK_EQ(await(ac_buf_read_line(g, &line)), 0);
    char more[8];
    CHECK_EQ(write(wfd, "xy", 2), 2);
    CHECK_EQ(await(ac_buf_read(g, more, sizeof more)), 2);
    CHECK_EQ(write(wfd, "12345", 5), 5);
    CHECK_EQ(await(ac_buf_read_exact(g, more, sizeof more)), 5);
    CHECK_EQ(await(ac_buf_fill(g)), 0);
    CHECK_EQ(write(wfd, "z", 1), 1);
    CHECK_EQ(await(ac_buf_fill(g)), 1);
    ac_bufreader_free(g);
    close(rfd);
    close(wfd);
    printf("bufio: ok\n");
    return 0;
}
