/* tests/runtime/test_process.c (async C): child processes: a shell talked to through three
 * pipes, exit statuses and signals, a wait cancelled by a timeout, the working directory and
 * environment, a program that does not exist and one that cannot run, a wait for a child
 * never spawned, 20 children awaited at once, and the wait without a pidfd (the fallback for
 * kernels that have none). */
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

#define NCHILDREN 20

/* argv for sh -c script, in argv[4]. */
static char *const *sh(char **argv, const char *script)
{
    argv[0] = "sh";
    argv[1] = "-c";
    argv[2] = (char *)script;
    argv[3] = NULL;
    return argv;
}

/* Reads a whole stream into buf (NUL-terminated); returns its length. */
static async long read_all(int fd, char *buf, size_t cap)
{
    size_t len = 0;
    for (;;) {
        long n = await(ac_read(fd, buf + len, cap - 1 - len));
        if (n <= 0)
            break;
        len += (size_t)n;
    }
    buf[len] = 0;
    return (long)len;
}

static async int exit_with(int code)
{
    char script[32], *argv4[4];
    snprintf(script, sizeof script, "exit %d", code);
    ac_child c;
    CHECK_EQ(ac_child_spawn(&c, "sh", sh(argv4, script), NULL), 0);
    int st = await(ac_child_wait(&c));
    ac_child_close(&c);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

async int main(void)
{
    char *argv4[4];
    ac_command cmd = {AC_STDIO_PIPE, AC_STDIO_PIPE, AC_STDIO_PIPE, NULL, NULL};
    ac_child c;
    CHECK_EQ(ac_child_spawn(&c, "sh", sh(argv4, "read x; echo got $x; echo err >&2; exit 3"), &cmd), 0);
    CHECK_INT(>, c.pid, 0);
    CHECK(c.stdin_fd >= 0 && c.stdout_fd >= 0 && c.stderr_fd >= 0);
    CHECK_EQ(await(ac_write_all(c.stdin_fd, "hello\n", 6)), 6);
    close(c.stdin_fd);
    c.stdin_fd = -1;
    char out[256], err[256];
    CHECK_EQ(await(read_all(c.stdout_fd, out, sizeof out)), 10);
    CHECK(strcmp(out, "got hello\n") == 0);
    CHECK_EQ(await(read_all(c.stderr_fd, err, sizeof err)), 4);
    CHECK(strcmp(err, "err\n") == 0);
    int st = await(ac_child_wait(&c));
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 3);
    CHECK(c.reaped);
    CHECK_EQ(await(ac_child_wait(&c)), st); /* collected already: at once */
    CHECK_EQ(ac_child_kill(&c, SIGTERM), -ESRCH);
    ac_child_close(&c);

    /* Killed by a signal; a wait cancelled before that loses nothing. */
    char *sleep_argv[] = {"sleep", "10", NULL};
    CHECK_EQ(ac_child_spawn(&c, "sleep", sleep_argv, NULL), 0);
    int r = 0;
    int t = await(ac_timeout(20, r = ac_child_wait(&c)));
    CHECK_EQ(t, -ETIMEDOUT);
    CHECK(!c.reaped);
    CHECK_EQ(ac_child_kill(&c, SIGTERM), 0);
    st = await(ac_child_wait(&c));
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
    ac_child_close(&c);

    /* Working directory, environment, /dev/null. */
    ac_command in_tmp = {AC_STDIO_NULL, AC_STDIO_PIPE, AC_STDIO_INHERIT, "/tmp", NULL};
    char *pwd_argv[] = {"pwd", NULL};
    CHECK_EQ(ac_child_spawn(&c, "pwd", pwd_argv, &in_tmp), 0);
    await(read_all(c.stdout_fd, out, sizeof out));
    CHECK(strcmp(out, "/tmp\n") == 0);
    CHECK_EQ(await(ac_child_wait(&c)), 0);
    ac_child_close(&c);
    char *env[] = {"GREETING=bonjour", NULL};
    ac_command with_env = {AC_STDIO_NULL, AC_STDIO_PIPE, AC_STDIO_NULL, NULL, env};
    CHECK_EQ(ac_child_spawn(&c, "/bin/sh", sh(argv4, "echo $GREETING; cat; echo lost >&2"), &with_env), 0);
    await(read_all(c.stdout_fd, out, sizeof out));
    CHECK(strcmp(out, "bonjour\n") == 0); /* cat read /dev/null: nothing */
    CHECK_EQ(await(ac_child_wait(&c)), 0);
    ac_child_close(&c);

    /* Not found: the error comes from the spawn. */
    char *none_argv[] = {"no-such-program-asyncc", NULL};
    r = ac_child_spawn(&c, "no-such-program-asyncc", none_argv, &cmd);
    if (r == 0) { /* valgrind runs posix_spawn's vfork as a fork: the exec fails in the child */
        st = await(ac_child_wait(&c));
        CHECK_INT(>=, st, 0);
        CHECK(WIFEXITED(st) && WEXITSTATUS(st) != 0);
        ac_child_close(&c);
    } else {
        CHECK_EQ(r, -ENOENT);
        CHECK(c.stdin_fd == -1 && c.stdout_fd == -1 && c.pidfd == -1);
    }
    char *dir_argv[] = {"/tmp", NULL}; /* a directory: there, but not executable */
    r = ac_child_spawn(&c, "/tmp", dir_argv, NULL);
    if (r == 0) { /* valgrind, as above */
        st = await(ac_child_wait(&c));
        CHECK(WIFEXITED(st) && WEXITSTATUS(st) != 0);
        ac_child_close(&c);
    } else {
        CHECK_EQ(r, -EACCES);
    }
    ac_command bad = {7, 0, 0, NULL, NULL};
    CHECK_EQ(ac_child_spawn(&c, "true", none_argv, &bad), -EINVAL);

    /* A wait for a child never spawned (its spawn failed, or a zeroed ac_child) has nothing to
     * wait for: -ECHILD, never another child's exit (waitpid(-1) or (0) took the running one's,
     * whose own wait then said -ECHILD). */
    ac_child running;
    char *exit7_argv[] = {"sh", "-c", "sleep 0.1; exit 7", NULL};
    CHECK_EQ(ac_child_spawn(&running, "sh", exit7_argv, NULL), 0);
    CHECK_EQ(await(ac_child_wait(&c)), -ECHILD);
    ac_child zeroed = {0};
    CHECK_EQ(await(ac_child_wait(&zeroed)), -ECHILD);
    CHECK_EQ(ac_child_kill(&zeroed, SIGTERM), -ESRCH);
    st = await(ac_child_wait(&running));
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 7);
    ac_child_close(&running);

    /* Many at once, each awaited by its own task. */
    ac_task *tasks[NCHILDREN];
    for (int i = 0; i < NCHILDREN; i++)
        tasks[i] = ac_spawn(exit_with(i));
    for (int i = 0; i < NCHILDREN; i++) {
        int code = -2;
        await(ac_task_join(tasks[i], &code));
        CHECK_EQ(code, i);
    }

    /* Without a pidfd, as on kernels before 5.3: waitpid at growing intervals. */
    char *short_argv[] = {"sleep", "0.05", NULL};
    CHECK_EQ(ac_child_spawn(&c, "sleep", short_argv, NULL), 0);
    close(c.pidfd);
    c.pidfd = -1;
    unsigned long long t0 = ac_now_ms();
    st = await(ac_child_wait(&c));
    CHECK_EQ(st, 0);
    CHECK_INT(>=, ac_now_ms() - t0, 40);
    CHECK_EQ(ac_child_kill(&c, SIGTERM), -ESRCH);
    CHECK_EQ(ac_child_spawn(&c, "sleep", sleep_argv, NULL), 0);
    close(c.pidfd);
    c.pidfd = -1;
    t = await(ac_timeout(20, r = ac_child_wait(&c)));
    CHECK_EQ(t, -ETIMEDOUT);
    CHECK_EQ(ac_child_kill(&c, SIGKILL), 0);
    st = await(ac_child_wait(&c));
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
    ac_child_close(&c);
    printf("process: ok\n");
    return 0;
}
