/* tests/runtime/test_cancel_keep.c (async C): reads dropped by timeouts of 0-1 ms, over and
 * over, while a thread writes: a byte stream (ac_recv, ac_read, ac_read_exact, ac_readv,
 * ac_buf_read_exact) and datagrams (ac_recv, ac_recvfrom, ac_recvmsg). What a read took in the
 * instant its timeout dropped it must come to the next read: every byte and every datagram
 * arrives once, in order. Then a cancelled receive whose bytes were kept, and the descriptor's
 * number closed with close(2) and reused: the new socket's reads never see the old bytes; and a
 * cancelled read of a regular file, whose position stays where it was. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

#define STREAM_BYTES 300000
#define DATAGRAMS 20000

static int stream[2], dgram[2];

static unsigned char byte_at(long i)
{
    return (unsigned char)(i % 251);
}

static void *stream_writer(void *arg)
{
    (void)arg;
    unsigned x = 7;
    unsigned char buf[128];
    for (long at = 0; at < STREAM_BYTES;) {
        x = x * 1103515245 + 12345;
        long n = 1 + (x >> 16) % 97;
        if (n > STREAM_BYTES - at)
            n = STREAM_BYTES - at;
        for (long i = 0; i < n; i++)
            buf[i] = byte_at(at + i);
        ssize_t w = write(stream[1], buf, (size_t)n);
        CHECK(w > 0);
        at += w;
        if ((x >> 8) % 8 == 0)
            usleep(50);
    }
    return NULL;
}

/* Checks n bytes read at offset *at of the stream, and counts them. */
static void got_bytes(const unsigned char *p, long n, long *at)
{
    for (long i = 0; i < n; i++)
        if (p[i] != byte_at(*at + i)) {
            fprintf(stderr, "byte %ld: %u, expected %u\n", *at + i, p[i], byte_at(*at + i));
            CHECK(0);
        }
    *at += n;
}

static async void read_stream(void)
{
    unsigned char buf[256];
    long at = 0, drops = 0;
    ac_bufreader *r = ac_bufreader_new(stream[0], 64);
    CHECK(r != NULL);
    for (unsigned i = 0; at < STREAM_BYTES; i++) {
        long n = 0;
        size_t want = 1 + i % 200;
        if (want > (size_t)(STREAM_BYTES - at))
            want = (size_t)(STREAM_BYTES - at);
        unsigned ms = i & 1;
        int t;
        switch (i % 5) {
        case 0:
            t = await(ac_timeout(ms, n = ac_recv(stream[0], buf, want, 0)));
            break;
        case 1:
            t = await(ac_timeout(ms, n = ac_read(stream[0], buf, want)));
            break;
        case 2:
            t = await(ac_timeout(ms, n = ac_read_exact(stream[0], buf, want)));
            CHECK(t != 0 || n == (long)want);
            break;
        case 3: {
            struct iovec iov[2] = {{buf, want / 2}, {buf + want / 2, want - want / 2}};
            t = await(ac_timeout(ms, n = ac_readv(stream[0], iov, 2)));
            break;
        }
        default:
            /* Through a reader whose buffer stays empty between these calls: what it takes
             * from its buffer and what its read takes are kept when it is dropped. */
            t = await(ac_timeout(ms, n = ac_buf_read_exact(r, buf, want)));
            CHECK(t != 0 || n == (long)want);
            break;
        }
        if (t == 0) {
            CHECK(n > 0);
            got_bytes(buf, n, &at);
        } else {
            CHECK_EQ(t, -ETIMEDOUT);
            drops++;
        }
    }
    ac_bufreader_free(r);
    printf("cancel_keep: %ld stream bytes in order, %ld reads dropped\n", at, drops);
}

static void *dgram_writer(void *arg)
{
    (void)arg;
    unsigned char buf[64];
    for (unsigned i = 0; i < DATAGRAMS; i++) {
        unsigned len = 4 + i % 60;
        memcpy(buf, &i, 4);
        memset(buf + 4, (int)(i & 0xff), len - 4);
        CHECK_EQ(send(dgram[1], buf, len, 0), (long)len);
        if (i % 64 == 0)
            usleep(50);
    }
    return NULL;
}

static async void read_datagrams(void)
{
    unsigned char buf[64];
    unsigned next = 0;
    long drops = 0;
    for (unsigned i = 0; next < DATAGRAMS; i++) {
        long n = 0;
        int t;
        struct sockaddr_storage from;
        socklen_t fromlen = sizeof from;
        struct iovec iov = {buf, sizeof buf};
        struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1};
        switch (i % 3) {
        case 0:
            t = await(ac_timeout(i & 1, n = ac_recv(dgram[0], buf, sizeof buf, 0)));
            break;
        case 1:
            t = await(ac_timeout(i & 1, n = ac_recvfrom(dgram[0], buf, sizeof buf, 0,
                                                         (struct sockaddr *)&from, &fromlen)));
            break;
        default:
            t = await(ac_timeout(i & 1, n = ac_recvmsg(dgram[0], &msg, 0)));
            break;
        }
        if (t != 0) {
            CHECK_EQ(t, -ETIMEDOUT);
            drops++;
            continue;
        }
        unsigned idx;
        memcpy(&idx, buf, 4);
        CHECK_EQ(idx, next);
        CHECK_EQ(n, (long)(4 + idx % 60));
        if (n > 4)
            CHECK_EQ(buf[n - 1], (idx & 0xff));
        next++;
    }
    printf("cancel_keep: %u datagrams in order, %ld reads dropped\n", next, drops);
}

static async void wait_recv(int fd, char *buf)
{
    await(ac_recv(fd, buf, 16, 0));
    CHECK(0); /* cancelled before the receive is reported */
}

static async long read_four(int fd, char *buf)
{
    return await(ac_read(fd, buf, 4));
}

/* Starts a receive, sends it bytes and cancels it before its task runs again (one thread runs
 * every task): returns whether the bytes were kept (the kernel has them no more: io_uring did
 * the receive before the cancel), on a socket pair made in sv. */
static async bool cancel_taken_receive(int *sv)
{
    char buf[16];
    CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    ac_task *t = ac_spawn(wait_recv(sv[0], buf));
    await(ac_yield()); /* the receive starts */
    CHECK_EQ(send(sv[1], "kept", 4, 0), 4);
    ac_task_cancel(t);
    CHECK_EQ(await(ac_task_join(t, NULL)), -ECANCELED);
    char peek;
    return recv(sv[0], &peek, 1, MSG_PEEK | MSG_DONTWAIT) < 0;
}

static async int kept_after_cancel(void)
{
    int sv[2];
    char buf[16] = {0};
    bool kept = await(cancel_taken_receive(sv));
    CHECK_EQ(await(ac_recv(sv[0], buf, sizeof buf, 0)), 4);
    CHECK(memcmp(buf, "kept", 4) == 0);
    close(sv[1]);
    CHECK_EQ(await(ac_close(sv[0])), 0);

    /* Kept, and then the number closed behind the runtime's back and given to a new socket. */
    kept = await(cancel_taken_receive(sv));
    int old = sv[0];
    close(sv[0]);
    close(sv[1]);
    CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    CHECK_EQ(sv[0], old);
    CHECK_EQ(send(sv[1], "new!", 4, 0), 4);
    memset(buf, 0, sizeof buf);
    CHECK_EQ(await(ac_recv(sv[0], buf, sizeof buf, 0)), 4);
    CHECK(memcmp(buf, "new!", 4) == 0);
    close(sv[1]);
    CHECK_EQ(await(ac_close(sv[0])), 0);
    /* A regular file: the cancelled read's bytes are the file's again, at its position. */
    char path[] = "/tmp/asyncc-keep-XXXXXX";
    int file = mkstemp(path);
    CHECK(file >= 0);
    unlink(path);
    CHECK_EQ(write(file, "abcdefgh", 8), 8);
    CHECK_EQ(lseek(file, 2, SEEK_SET), 2);
    ac_task *t = ac_spawn(read_four(file, buf));
    await(ac_yield()); /* the read starts (the epoll backend reads a cached file at once) */
    ac_task_cancel(t);
    long got = 0;
    int j = await(ac_task_join(t, &got));
    CHECK(j == -ECANCELED || (j == 0 && got == 4));
    CHECK_EQ(lseek(file, 0, SEEK_CUR), (j ? 2 : 6));
    memset(buf, 0, sizeof buf);
    CHECK_EQ(await(ac_read(file, buf, 2)), 2);
    CHECK(memcmp(buf, j ? "cd" : "gh", 2) == 0);
    CHECK_EQ(await(ac_close(file)), 0);
    printf("cancel_keep: a cancelled receive's bytes %s\n",
           kept ? "kept for the next read, never given to a reused number" : "still in the kernel");
    fflush(stdout);
    return 0;
}

static async int read_both(void)
{
    CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, stream), 0);
    CHECK_EQ(socketpair(AF_UNIX, SOCK_DGRAM, 0, dgram), 0);
    pthread_t ws, wd;
    CHECK_EQ(pthread_create(&ws, NULL, stream_writer, NULL), 0);
    CHECK_EQ(pthread_create(&wd, NULL, dgram_writer, NULL), 0);
    ac_task *s = ac_spawn(read_stream());
    ac_task *d = ac_spawn(read_datagrams());
    CHECK_EQ(await(ac_task_join(s, NULL)), 0);
    CHECK_EQ(await(ac_task_join(d, NULL)), 0);
    pthread_join(ws, NULL);
    pthread_join(wd, NULL);
    for (int i = 0; i < 2; i++) {
        close(stream[i]);
        close(dgram[i]);
    }
    return 0;
}

int main(void)
{
    /* The cancel in a child of its own, on a current-thread runtime. */
    pid_t child = fork();
    CHECK(child >= 0);
    if (child == 0) {
        alarm(60); /* a read that waits for lost bytes never ends */
        test_current_thread();
        int rc = ac_block_on(kept_after_cancel());
        ac_runtime_shutdown();
        exit(rc);
    }
    int rc = ac_block_on(read_both());
    ac_runtime_shutdown();
    int status;
    CHECK_EQ(waitpid(child, &status, 0), child);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    return rc;
}
