/* tests/runtime/test_pread_stream.c (async C): ac_pread and ac_pwrite of a descriptor without
 * positions read and write the stream on both backends, as io_uring does (a pipe at any offset,
 * a socket at offset 0; other offsets on a socket give -ESPIPE): on epoll they failed with
 * -ESPIPE at once, where io_uring's read of the pipe waited for its bytes. */
#define _GNU_SOURCE /* pipe2 */
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "test.h"

async void write_later(int fd)
{
    await(ac_sleep_ms(20));
    CHECK_EQ(await(ac_write(fd, "late", 4)), 4);
}

async int main(void)
{
    int p[2];
    CHECK_EQ(pipe2(p, O_CLOEXEC), 0);
    char buf[16];
    CHECK_EQ(await(ac_pwrite(p[1], "abc", 3, 5)), 3);
    CHECK_EQ(await(ac_pread(p[0], buf, sizeof buf, 100)), 3);
    CHECK(memcmp(buf, "abc", 3) == 0);
    /* Nothing in the pipe yet: the read waits for a writer's bytes, as ac_read does. */
    ac_task *t = ac_spawn(write_later(p[1]));
    long n = -1;
    CHECK_EQ(await(ac_timeout(5000, n = ac_pread(p[0], buf, sizeof buf, 0))), 0);
    CHECK_EQ(n, 4);
    CHECK(memcmp(buf, "late", 4) == 0);
    await(ac_task_join(t, NULL));
    close(p[0]);
    close(p[1]);

    int sv[2];
    CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
    CHECK_EQ(await(ac_pwrite(sv[0], "sock", 4, 0)), 4);
    CHECK_EQ(await(ac_pread(sv[1], buf, sizeof buf, 0)), 4);
    CHECK(memcmp(buf, "sock", 4) == 0);
    /* A socket refuses any other offset (its read_iter does, under io_uring too). */
    CHECK_EQ(await(ac_pwrite(sv[0], "sock", 4, 7)), -ESPIPE);
    CHECK_EQ(await(ac_pread(sv[1], buf, sizeof buf, 7)), -ESPIPE);
    close(sv[0]);
    close(sv[1]);
    printf("pread_stream: ok\n");
    return 0;
}
