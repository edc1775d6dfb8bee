/* tests/runtime/test_sigpipe_calls.c (async C): with a SIGPIPE handler of the program's own
 * (which the runtime keeps), no write call of the library on a socket whose peer is gone calls
 * it: ac_write, ac_write_all, ac_writev, ac_writev_all, ac_send, ac_send_all, ac_sendto,
 * ac_sendmsg, ac_buf_flush, ac_sendfile (directly and through its pipe) and ac_splice all return
 * -EPIPE and the handler count stays 0, on a Unix socket pair and on TCP. */
#define _GNU_SOURCE /* pipe2 */
#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "test.h"

static volatile sig_atomic_t handled;

static void on_sigpipe(int sig)
{
    (void)sig;
    handled++;
}

/* Before the runtime starts, as a program's own setup would. */
__attribute__((constructor)) static void install(void)
{
    struct sigaction sa = {.sa_handler = on_sigpipe};
    sigemptyset(&sa.sa_mask);
    sigaction(SIGPIPE, &sa, NULL);
}

static char big[1 << 18];

/* A file of n bytes, for sendfile. */
static int data_file(size_t n)
{
    char path[] = "/tmp/asyncc-sigpipe-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    unlink(path);
    CHECK_EQ(write(fd, big, n), n);
    return fd;
}

/* Every call, on socket fd whose peer has closed. */
static async void every_call(int fd, int file)
{
    struct iovec iov[2] = {{big, 100}, {big + 100, 100}};
    struct msghdr msg = {.msg_iov = iov, .msg_iovlen = 2};
    CHECK_EQ(await(ac_write(fd, big, 10)), -EPIPE);
    CHECK_EQ(await(ac_write_all(fd, big, sizeof big)), -EPIPE);
    CHECK_EQ(await(ac_writev(fd, iov, 2)), -EPIPE);
    CHECK_EQ(await(ac_writev_all(fd, iov, 2)), -EPIPE);
    CHECK_EQ(await(ac_send(fd, big, 10, 0)), -EPIPE);
    CHECK_EQ(await(ac_send_all(fd, big, sizeof big, 0)), -EPIPE);
    CHECK_EQ(await(ac_sendto(fd, big, 10, 0, NULL, 0)), -EPIPE);
    CHECK_EQ(await(ac_sendmsg(fd, &msg, 0)), -EPIPE);
    ac_bufwriter *w = ac_bufwriter_new(fd, 0);
    CHECK_EQ(await(ac_buf_write(w, big, 10)), 10);
    CHECK_EQ(await(ac_buf_flush(w)), -EPIPE);
    ac_bufwriter_free(w);
    CHECK_EQ(await(ac_sendfile(fd, file, 0, 100000)), -EPIPE);
    int p[2];
    CHECK_EQ(pipe2(p, O_CLOEXEC), 0);
    CHECK_EQ(write(p[1], big, 100), 100);
    CHECK_EQ(await(ac_splice(p[0], -1, fd, -1, 100, 0)), -EPIPE);
    close(p[0]);
    close(p[1]);
    CHECK_EQ(handled, 0);
}

async int main(void)
{
    struct sigaction now;
    CHECK_EQ(sigaction(SIGPIPE, NULL, &now), 0);
    CHECK(now.sa_handler == on_sigpipe); /* the runtime left it alone */
    int file = data_file(sizeof big);
    posix_fadvise(file, 0, 0, POSIX_FADV_DONTNEED); /* sendfile through its pipe */
    int sv[2];
    CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
    close(sv[1]);
    await(every_call(sv[0], file));
    close(sv[0]);
    char cached[4096]; /* the file's pages cached again: sendfile(2) on the worker */
    CHECK_EQ(pread(file, cached, sizeof cached, 0), sizeof cached);
    int lfd = await(ac_tcp_bind("127.0.0.1", 0, 4));
    CHECK(lfd >= 0);
    int fd = await(ac_tcp_connect("127.0.0.1", (unsigned short)ac_socket_port(lfd)));
    CHECK(fd >= 0);
    int peer = await(ac_accept(lfd, NULL, NULL));
    CHECK(peer >= 0);
    close(peer);
    await(ac_sleep_ms(20)); /* its FIN, then the RST our first write draws */
    long first = await(ac_write(fd, big, 10));
    CHECK(first == 10 || first == -EPIPE || first == -ECONNRESET);
    await(ac_sleep_ms(20));
    await(every_call(fd, file));
    close(fd);
    close(lfd);
    close(file);
    printf("sigpipe_calls: ok (%s)\n", ac_runtime_backend());
    return 0;
}
