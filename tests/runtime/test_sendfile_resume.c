/* tests/runtime/test_sendfile_resume.c (async C): ac_sendfile from the file position (offset -1)
 * to a pipe (so through the call's own pipe) and to a socket, dropped by timeouts again and
 * again and started again from the position until the file is sent: the reader receives the
 * file whole, without a gap. A drop with bytes taken from the file into the call's pipe and not
 * yet sent used to close the pipe with them, leaving the position past bytes never sent. */
#define _GNU_SOURCE /* pipe2 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

#include "test.h"

#define SIZE (4 << 20)

static unsigned char pattern(size_t i)
{
    return (unsigned char)(i * 7 + i / 4093);
}

/* Reads to the end, slowly, checking every byte; returns the count. */
static async long read_checked(int fd)
{
    static unsigned char buf[65536];
    size_t got = 0;
    long n;
    while ((n = await(ac_read(fd, buf, sizeof buf))) > 0) {
        for (long i = 0; i < n; i++)
            CHECK_EQ(buf[i], pattern(got + (size_t)i));
        got += (size_t)n;
        await(ac_sleep_us(100));
    }
    return (long)got;
}

/* Sends the file from its position through timeouts of 2 ms until the position is at its end;
 * returns how many sends were dropped. */
static async int send_in_pieces(int out, int file)
{
    int drops = 0;
    long long pos;
    while ((pos = lseek(file, 0, SEEK_CUR)) < SIZE) {
        long n = 0;
        if (await(ac_timeout(2, n = ac_sendfile(out, file, -1, (size_t)(SIZE - pos)))) != 0)
            drops++;
        else
            CHECK_INT(>, n, 0);
    }
    close(out);
    return drops;
}

async int main(void)
{
    static unsigned char data[SIZE];
    for (size_t i = 0; i < SIZE; i++)
        data[i] = pattern(i);
    char path[64];
    snprintf(path, sizeof path, "/tmp/asyncc-sendfile-%d", (int)getpid());
    int file = open(path, O_CREAT | O_RDWR | O_TRUNC | O_CLOEXEC, 0600);
    CHECK_EQ(write(file, data, SIZE), SIZE);
    unlink(path);
    for (int socket_out = 0; socket_out < 2; socket_out++) {
        int p[2];
        if (socket_out)
            CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, p), 0);
        else
            CHECK_EQ(pipe2(p, O_CLOEXEC), 0);
        CHECK_EQ(lseek(file, 0, SEEK_SET), 0);
        ac_task *reader = ac_spawn(read_checked(p[0]));
        int drops = await(send_in_pieces(p[1], file));
        long got = 0;
        await(ac_task_join(reader, &got));
        CHECK_EQ(got, SIZE);
        CHECK_INT(>, drops, 0);
        close(p[0]);
    }
    close(file);
    printf("sendfile_resume: ok\n");
    return 0;
}
