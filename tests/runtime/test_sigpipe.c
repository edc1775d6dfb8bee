/* tests/runtime/test_sigpipe.c: SIGPIPE never kills the process: a write to a socket or a pipe
 * whose peer closed returns -EPIPE (the runtime ignores SIGPIPE at start), and when the program
 * installed a SIGPIPE handler of its own, the runtime keeps it, yet writes to sockets still
 * raise no signal (they go out as sends with MSG_NOSIGNAL); so do they when the configuration
 * keeps SIGPIPE's default action (keep_sigpipe), under which a plain write to a pipe whose reader
 * is gone ends the process, as a command-line tool in `tool | head` expects. Every program the
 * process runs starts with SIGPIPE's default action: through ac_child_spawn, and through
 * system(), popen(), posix_spawn and fork and exec, which the runtime does not see (it catches
 * SIGPIPE with a handler that does nothing; an ignored signal stays ignored across exec). */
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "asyncc/process.h"
#include "test.h"

static int sock[2], pipefd[2];
static volatile sig_atomic_t handled;

static void on_sigpipe(int sig)
{
    (void)sig;
    handled++;
}

typedef struct {
    CO_HEAD;
    long w, wa, ws, pw;
    char buf[65536];
} root_frame;

static int root_poll(void *frame, ac_cx *cx)
{
    root_frame *f = frame;
    CO_BEGIN(f);
    CO_AWAIT(f, ac__type_ac_write, ac__init_ac_write(f->c.bytes, sock[0], "x", 1), &f->w);
    /* more than a socket buffer: the peer's close shows on the first or a later write */
    CO_AWAIT(f, ac__type_ac_write_all,
             ac__init_ac_write_all(f->c.bytes, sock[0], f->buf, sizeof f->buf), &f->wa);
    CO_AWAIT(f, ac__type_ac_send, ac__init_ac_send(f->c.bytes, sock[0], "x", 1, 0), &f->ws);
    if (pipefd[1] >= 0)
        CO_AWAIT(f, ac__type_ac_write, ac__init_ac_write(f->c.bytes, pipefd[1], "x", 1), &f->pw);
    else
        f->pw = -EPIPE;
    CHECK_EQ(f->w, -EPIPE);
    CHECK_EQ(f->wa, -EPIPE);
    CHECK_EQ(f->ws, -EPIPE);
    CHECK_EQ(f->pw, -EPIPE);
    CO_RETURN(f, 0);
    CO_END(f);
}

/* Reads fd to its end into out (size bytes at most, ended by a 0); closes fd. */
static void read_all(int fd, char *out, size_t size)
{
    size_t len = 0;
    ssize_t n;
    while (len < size - 1 && (n = read(fd, out + len, size - 1 - len)) > 0)
        len += (size_t)n;
    out[len] = 0;
    close(fd);
}

/* Fails when the "SigIgn:" line of a child's /proc/self/status, in out, has SIGPIPE (13). */
static int check_sigpipe_default(const char *how, const char *out)
{
    unsigned long long ignored = 0;
    const char *line = strstr(out, "SigIgn:");
    if (!line || sscanf(line, "SigIgn: %llx", &ignored) != 1) {
        fprintf(stderr, "sigpipe: no SigIgn line from the child started by %s: '%s'\n", how, out);
        return 1;
    }
    if (ignored & (1ull << (SIGPIPE - 1))) {
        fprintf(stderr, "sigpipe: a child started by %s inherited SIGPIPE ignored (%s)\n", how,
                out);
        return 1;
    }
    return 0;
}

static char *const status_argv[] = {"sh", "-c", "grep SigIgn /proc/self/status", NULL};

/* Children the runtime does not start: system(), popen(), posix_spawn, fork and execv. */
static int check_unseen_children(void)
{
    char out[256];
    int bad = 0, status, p[2];

    char path[] = "/tmp/asyncc-sigpipe-XXXXXX";
    int tmp = mkstemp(path);
    CHECK(tmp >= 0);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "grep SigIgn /proc/self/status > %s", path);
    CHECK_EQ(system(cmd), 0);
    read_all(tmp, out, sizeof out);
    unlink(path);
    bad |= check_sigpipe_default("system()", out);

    FILE *f = popen("grep SigIgn /proc/self/status", "r");
    CHECK(f != NULL);
    out[fread(out, 1, sizeof out - 1, f)] = 0;
    CHECK_EQ(pclose(f), 0);
    bad |= check_sigpipe_default("popen()", out);

    CHECK_EQ(pipe(p), 0);
    posix_spawn_file_actions_t fa;
    CHECK_EQ(posix_spawn_file_actions_init(&fa), 0);
    CHECK_EQ(posix_spawn_file_actions_adddup2(&fa, p[1], 1), 0);
    pid_t pid;
    CHECK_EQ(posix_spawn(&pid, "/bin/sh", &fa, NULL, status_argv, NULL), 0);
    posix_spawn_file_actions_destroy(&fa);
    close(p[1]);
    read_all(p[0], out, sizeof out);
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    bad |= check_sigpipe_default("posix_spawn", out);

    /* Not under ThreadSanitizer: its fork() child of a multi-threaded process dies at once. */
    if (!test_under_tsan()) {
        CHECK_EQ(pipe(p), 0);
        fflush(NULL);
        pid = fork();
        CHECK(pid >= 0);
        if (pid == 0) {
            dup2(p[1], 1);
            execv("/bin/sh", status_argv);
            _exit(127);
        }
        close(p[1]);
        read_all(p[0], out, sizeof out);
        CHECK_EQ(waitpid(pid, &status, 0), pid);
        bad |= check_sigpipe_default("fork and execv", out);
    }

    /* What it is for: `yes | head -n 1` ends quietly, yes killed by SIGPIPE, not told EPIPE. */
    f = popen("(yes | head -n 1) 2>&1", "r");
    CHECK(f != NULL);
    out[fread(out, 1, sizeof out - 1, f)] = 0;
    CHECK_EQ(pclose(f), 0);
    if (strcmp(out, "y\n") != 0) {
        fprintf(stderr, "sigpipe: `yes | head -n 1` run by popen() printed '%s', not 'y'\n", out);
        bad = 1;
    }
    return bad;
}

static const ac_future_type root_type = TEST_TYPE(root_frame, root_poll, co_drop);

/* Writes to a socket and (unless with_pipe is false) a pipe whose peers are closed. */
static void run(bool with_pipe)
{
    CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, sock), 0);
    close(sock[1]);
    pipefd[0] = pipefd[1] = -1;
    if (with_pipe) {
        CHECK_EQ(pipe(pipefd), 0);
        close(pipefd[0]);
    }
    CHECK_EQ(test_block_on(&root_type), 0);
    close(sock[0]);
    if (pipefd[1] >= 0)
        close(pipefd[1]);
}

int main(void)
{
    /* A program with a handler of its own, in a child (before the runtime starts here). */
    fflush(NULL);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        signal(SIGPIPE, on_sigpipe);
        run(false); /* a pipe has no MSG_NOSIGNAL: its write would call the handler */
        struct sigaction now;
        CHECK_EQ(sigaction(SIGPIPE, NULL, &now), 0);
        CHECK(now.sa_handler == on_sigpipe); /* the runtime left it alone */
        CHECK_EQ(handled, 0);                /* and sockets raised no SIGPIPE */
        ac_runtime_shutdown();
        _exit(0);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "sigpipe: the program with its own handler ended with status %#x\n",
                status);
        return 1;
    }

    /* keep_sigpipe: the default action stays, sockets still give -EPIPE, a pipe kills. */
    fflush(NULL);
    pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        ac_runtime_config config;
        ac_runtime_config_default(&config);
        config.keep_sigpipe = 1;
        CHECK_EQ(ac_runtime_configure(&config), 0);
        run(false);
        struct sigaction now;
        CHECK_EQ(sigaction(SIGPIPE, NULL, &now), 0);
        CHECK(now.sa_handler == SIG_DFL);
        CHECK_EQ(pipe(pipefd), 0);
        close(pipefd[0]);
        (void)!write(pipefd[1], "x", 1); /* ends the process here */
        _exit(3);
    }
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGPIPE) {
        fprintf(stderr, "sigpipe: with keep_sigpipe, a write to a closed pipe gave status %#x, "
                        "not SIGPIPE's end\n", status);
        return 1;
    }

    /* The default: SIGPIPE would kill the process; the runtime catches it and does nothing. */
    run(true);
    if (check_unseen_children())
        return 1;
    struct sigaction now;
    CHECK_EQ(sigaction(SIGPIPE, NULL, &now), 0);
    CHECK(now.sa_handler != SIG_DFL && now.sa_handler != SIG_IGN);

    /* A child's ignored signals, from /proc: SIGPIPE (13) must not be among them. */
    ac_child child;
    ac_command cmd = {.stdout_mode = AC_STDIO_PIPE};
    CHECK_EQ(ac_child_spawn(&child, "sh", status_argv, &cmd), 0);
    char out[256];
    read_all(child.stdout_fd, out, sizeof out);
    child.stdout_fd = -1;
    CHECK_EQ(waitpid(child.pid, &status, 0), child.pid);
    ac_child_close(&child);
    if (check_sigpipe_default("ac_child_spawn", out))
        return 1;
    ac_runtime_shutdown();
    printf("sigpipe: writes to closed sockets and pipes returned -EPIPE; the process survived\n");
    return 0;
}
