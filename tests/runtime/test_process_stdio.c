/* tests/runtime/test_process_stdio.c (async C): a parent whose standard descriptors are closed
 * (a daemon's), so that the pipes it makes for a child get the numbers 0, 1 and 2: every stream
 * the child was given still reaches it, whatever numbers its pipe had in the parent. */
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

/* Reads a whole stream into buf (NUL-terminated). */
static async void read_all(int fd, char *buf, size_t cap)
{
    size_t len = 0;
    long n;
    while (len + 1 < cap && (n = await(ac_read(fd, buf + len, cap - 1 - len))) > 0)
        len += (size_t)n;
    buf[len] = 0;
}

/* Spawns the script with cmd after closing the parent's descriptors 0 and 1 (and 2 when
 * close_err), which the parent's pipe ends may then take, and gives them back once the child is
 * done; writes what the child printed to its stdout (when piped) and its stderr to out and err.
 * (A failed check in between may have no stderr to print to: it still aborts.) */
static async void run(const ac_command *cmd, bool close_err, char *out, char *err, size_t cap)
{
    int saved[3];
    for (int fd = 0; fd < 3; fd++)
        saved[fd] = fcntl(fd, F_DUPFD_CLOEXEC, 10);
    close(0);
    close(1);
    if (close_err)
        close(2);
    char *argv[] = {"sh", "-c", "cat; echo err >&2; echo out", NULL};
    ac_child c;
    CHECK_EQ(ac_child_spawn(&c, "sh", argv, cmd), 0);
    if (c.stdin_fd >= 0) {
        CHECK_EQ(await(ac_write_all(c.stdin_fd, "in\n", 3)), 3);
        close(c.stdin_fd);
        c.stdin_fd = -1;
    }
    out[0] = 0;
    if (c.stdout_fd >= 0)
        await(read_all(c.stdout_fd, out, cap));
    await(read_all(c.stderr_fd, err, cap));
    CHECK_EQ(await(ac_child_wait(&c)), 0);
    ac_child_close(&c);
    for (int fd = 0; fd < 3; fd++) {
        dup2(saved[fd], fd);
        close(saved[fd]);
    }
}

async int main(void)
{
    char out[64], err[64];
    ac_command quiet = {AC_STDIO_NULL, AC_STDIO_NULL, AC_STDIO_PIPE, NULL, NULL};
    await(run(&quiet, false, out, err, sizeof out));
    CHECK(strcmp(err, "err\n") == 0);
    await(run(&quiet, true, out, err, sizeof out));
    CHECK(strcmp(err, "err\n") == 0);
    ac_command piped = {AC_STDIO_PIPE, AC_STDIO_PIPE, AC_STDIO_PIPE, NULL, NULL};
    await(run(&piped, true, out, err, sizeof out));
    CHECK(strcmp(out, "in\nout\n") == 0);
    CHECK(strcmp(err, "err\n") == 0);
    printf("process_stdio: ok\n");
    return 0;
}
