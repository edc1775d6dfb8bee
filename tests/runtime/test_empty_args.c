/* tests/runtime/test_empty_args.c (async C): calls given nothing to move, written as C code
 * writes an empty buffer: a NULL pointer with a length of 0. ac_writev_all and ac_writev with
 * iov NULL and iovcnt 0, ac_fs_write of NULL data and len 0 (an empty file), ac_connect with
 * a NULL address of length 0 (-EINVAL, as connect(2) says); each passed the NULL pointer on to
 * memcpy, which UBSan (the ASan+UBSan build) stops at. */
#define _GNU_SOURCE /* pipe2 */
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "test.h"

async int main(void)
{
    int p[2], sv[2];
    CHECK_EQ(pipe2(p, O_CLOEXEC), 0);
    CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);

    CHECK_EQ(await(ac_writev_all(p[1], NULL, 0)), 0);  /* writev(2) */
    CHECK_EQ(await(ac_writev_all(sv[0], NULL, 0)), 0); /* sendmsg(2) */
    CHECK_EQ(await(ac_writev(p[1], NULL, 0)), 0);
    CHECK_EQ(await(ac_readv(p[0], NULL, 0)), 0);

    char path[64];
    snprintf(path, sizeof path, "/tmp/asyncc-empty-args-%d", (int)getpid());
    CHECK_EQ(await(ac_fs_write(path, NULL, 0)), 0);
    struct stat st;
    CHECK_EQ(stat(path, &st), 0);
    CHECK_EQ(st.st_size, 0);
    char *data = NULL;
    CHECK_EQ(await(ac_fs_read(path, &data)), 0);
    CHECK(data && data[0] == '\0');
    free(data);
    CHECK_EQ(unlink(path), 0);

    int s = await(ac_socket(AF_INET, SOCK_STREAM, 0));
    CHECK_INT(>=, s, 0);
    CHECK_EQ(await(ac_connect(s, NULL, 0)), -EINVAL);
    CHECK_EQ(await(ac_close(s)), 0);

    /* Nothing was written to either. */
    char c;
    CHECK_EQ(await(ac_recv(sv[1], &c, 1, MSG_DONTWAIT)), -EAGAIN);
    CHECK_EQ(fcntl(p[0], F_SETFL, O_NONBLOCK), 0);
    CHECK_EQ(read(p[0], &c, 1), -1);
    close(p[0]);
    close(p[1]);
    close(sv[0]);
    close(sv[1]);
    return 0;
}
