/* tests/runtime/test_sigpipe.c: SIGPIPE never kills the process: a write to a socket or a pipe
 * whose peer closed returns -EPIPE (the runtime ignores SIGPIPE at start), and when the program
 * installed a SIGPIPE handler of its own, the runtime keeps it, yet writes to sockets still
 * raise no signal (they go out as sends with MSG_NOSIGNAL); so do they when the configuration
 * keeps SIGPIPE's default action (keep_sigpipe), under which a plain write to a pipe whose reader
 * is gone ends the process, as a command-line tool in `tool | head` expects. A child process
 * started with ac_child_spawn gets SIGPIPE's default action back. */
#include <signal.h>
#include <stdbool.h>
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

    /* The default: SIGPIPE would kill the process; the runtime ignores it. */
    run(true);
    struct sigaction now;
    CHECK_EQ(sigaction(SIGPIPE, NULL, &now), 0);
    CHECK(now.sa_handler == SIG_IGN);

    /* A child's ignored signals, from /proc: SIGPIPE (13) must not be among them. */
    ac_child child;
    ac_command cmd = {.stdout_mode = AC_STDIO_PIPE};
    char *const argv[] = {"sh", "-c", "grep SigIgn /proc/self/status", NULL};
    CHECK_EQ(ac_child_spawn(&child, "sh", argv, &cmd), 0);
    char out[256];
    size_t len = 0;
    ssize_t n;
    while ((n = read(child.stdout_fd, out + len, sizeof out - 1 - len)) > 0)
        len += (size_t)n;
    out[len] = 0;
    CHECK_EQ(waitpid(child.pid, &status, 0), child.pid);
    ac_child_close(&child);
    unsigned long long ignored = 0;
    CHECK_EQ(sscanf(out, "SigIgn: %llx", &ignored), 1);
    if (ignored & (1ull << (SIGPIPE - 1))) {
        fprintf(stderr, "sigpipe: a child process inherited SIGPIPE ignored (%s)\n", out);
        return 1;
    }
    ac_runtime_shutdown();
    printf("sigpipe: writes to closed sockets and pipes returned -EPIPE; the process survived\n");
    return 0;
}
