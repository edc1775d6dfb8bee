/* tests/runtime/test_fresh_frames.c (async C): the epoll backend's ops that are neither reads
 * nor writes, each the first await of a task whose frame nothing wrote before (an ac_block_on
 * from plain C whose frame is too large for the runtime's chunks: a new allocation, which
 * memcheck takes as undefined, as a large async main's is): a readiness wait, a
 * recvmsg and a sendmsg that must wait, a connect. The backend computed a read's buffer
 * length (rw.len) for every op before looking at its kind, and these ops leave those bytes
 * unwritten: memcheck said "conditional jump depends on uninitialised value"
 * (valgrind.epoll.fresh_frames runs this under valgrind with ASYNCC_BACKEND=epoll). */
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "test.h"

/* A frame beyond the runtime's chunked sizes (alloc.h): each task is a fresh aligned_alloc. */
#define LARGE 65536

static async int wait_readable(int fd)
{
    char large[LARGE];
    large[0] = 0;
    int r = await(ac_timeout(20, ac_fd_ready(fd, POLLIN)));
    return r + large[0];
}

static async long receive_msg(int fd)
{
    char large[LARGE];
    struct iovec iov = {large, 1};
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1};
    long n = -1;
    int r = await(ac_timeout(20, n = ac_recvmsg(fd, &msg, 0)));
    return r ? r : n;
}

static async long send_msg(int fd, size_t len)
{
    static char block[1 << 20];
    char large[LARGE];
    large[0] = 0;
    struct iovec iov = {block, len};
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1};
    long n = -1;
    int r = await(ac_timeout(20, n = ac_sendmsg(fd, &msg, 0)));
    return (r ? r : n) + large[0];
}

static async int connect_to(int port)
{
    char large[LARGE];
    large[0] = 0;
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    CHECK_INT(>=, fd, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((unsigned short)port),
                            .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    int r = await(ac_connect(fd, (struct sockaddr *)&a, sizeof a));
    close(fd);
    return r + large[0];
}

int main(void)
{
    int sv[2];
    CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
    CHECK_EQ(ac_block_on(wait_readable(sv[0])), -ETIMEDOUT);
    CHECK_EQ(ac_block_on(receive_msg(sv[0])), -ETIMEDOUT);
    /* Fills the socket's buffer, then waits for room that never comes. */
    long n = 0, sent = 0;
    for (int i = 0; i < 64 && n != -ETIMEDOUT; i++) {
        n = ac_block_on(send_msg(sv[0], 1 << 20));
        sent += n > 0 ? n : 0;
    }
    CHECK_EQ(n, -ETIMEDOUT);
    CHECK_INT(>, sent, 0);
    int listener = ac_tcp_listen("127.0.0.1", 0, 4);
    CHECK_INT(>=, listener, 0);
    CHECK_EQ(ac_block_on(connect_to(ac_socket_port(listener))), 0);
    printf("fresh_frames: ok (%s)\n", ac_runtime_backend());
    close(listener);
    close(sv[0]);
    close(sv[1]);
    ac_runtime_shutdown();
    return 0;
}
