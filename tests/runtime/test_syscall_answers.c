/* tests/runtime/test_syscall_answers.c (async C): calls whose arguments the system call would
 * refuse answer as it does, on both backends, without waiting: ac_pread/ac_pwrite of a pipe or
 * a socket -ESPIPE (io_uring read the pipe as a stream: an empty one waited for a writer), a
 * negative offset -EINVAL (it was taken for 0), ac_sendfile and ac_splice below -1 -EINVAL (the
 * file position was used); a zero-byte ac_write to a socket whose peer left -EPIPE as write(2)
 * (the epoll backend said 0); ac_fd_ready of a regular file for neither POLLIN nor POLLOUT
 * -EINVAL (epoll: -EPERM). (test_budget_lib checks that a loop over such calls lets other
 * tasks run.) */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "test.h"

async int main(void)
{
    int p[2], sv[2];
    char buf[8] = {0};
    CHECK_EQ(pipe(p), 0);
    CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    long r = 0;
    CHECK_EQ(await(ac_timeout(2000, r = ac_pread(p[0], buf, sizeof buf, 0))), 0);
    CHECK_EQ(r, -ESPIPE);
    CHECK_EQ(await(ac_pwrite(p[1], "x", 1, 0)), -ESPIPE);
    CHECK_EQ(await(ac_timeout(2000, r = ac_pread(sv[0], buf, sizeof buf, 0))), 0);
    CHECK_EQ(r, -ESPIPE);

    char path[] = "/tmp/asyncc-answers-XXXXXX";
    int f = mkstemp(path);
    CHECK_INT(>=, f, 0);
    unlink(path);
    CHECK_EQ(write(f, "abcdef", 6), 6);
    CHECK_EQ(await(ac_pread(f, buf, 2, -1)), -EINVAL);
    CHECK_EQ(await(ac_pwrite(f, "zz", 2, -7)), -EINVAL);
    CHECK_EQ(await(ac_pread(f, buf, 2, 3)), 2);
    CHECK(memcmp(buf, "de", 2) == 0);
    CHECK_EQ(await(ac_sendfile(p[1], f, -2, 2)), -EINVAL);
    CHECK_EQ(await(ac_splice(f, -5, p[1], -1, 2, 0)), -EINVAL);
    CHECK_EQ(await(ac_fd_ready(f, 0)), -EINVAL);
    CHECK_EQ(await(ac_fd_ready(f, POLLIN)), POLLIN);

    close(sv[1]);
    CHECK_EQ(await(ac_write(sv[0], "", 0)), -EPIPE);
    CHECK_EQ(await(ac_write(sv[0], "x", 1)), -EPIPE);
    CHECK_EQ(await(ac_write(p[1], "", 0)), 0);

    close(f);
    return 0;
}
