/* tests/runtime/test_stdio_fds.c: the runtime's own descriptors (rings, eventfds, the epoll set,
 * the signal dispatcher's pipe) never take 0, 1 or 2. A program that closed stdin and stdout
 * before the runtime started, or a fork() child that closed them before its runtime woke, got a
 * ring as fd 1: its next freopen, dup2 or fclose(stdout) took or closed the ring (flex made async
 * hung: its forked filters close stdout, then await). Checked in children, which exit 0 when
 * descriptors 0 and 1 are still closed once the runtime runs. */
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "asyncc/signal.h"
#include "test.h"

static int closed(int fd)
{
    return fcntl(fd, F_GETFD) == -1 && errno == EBADF;
}

/* Exit status: 0 when 0 and 1 stayed free, else which one the runtime took (1 or 2). */
static int check_free(void)
{
    ac_signal_listener l;
    if (ac_runtime_start() != 0 || ac_signal_listen(&l, SIGUSR1) != 0)
        return 3;
    int r = !closed(0) ? 1 : !closed(1) ? 2 : 0;
    ac_signal_unlisten(&l);
    return r;
}

static int wait_status(pid_t pid)
{
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 100 + WTERMSIG(status);
}

int main(void)
{
    fflush(NULL);
    /* Closed before the runtime starts. */
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        close(0);
        close(1);
        int r = check_free();
        ac_runtime_shutdown();
        _exit(r);
    }
    int first = wait_status(pid), second = 0;
    /* Closed in a fork() child of a running runtime, before the child's wakes (not under
     * ThreadSanitizer: no threads after a multi-threaded fork()). */
    if (!test_under_tsan()) {
        CHECK_EQ(ac_runtime_start(), 0);
        fflush(NULL);
        pid = fork();
        CHECK(pid >= 0);
        if (pid == 0) {
            close(0);
            close(1);
            _exit(check_free());
        }
        second = wait_status(pid);
        ac_runtime_shutdown();
    }
    if (first || second) {
        fprintf(stderr, "stdio_fds: the runtime took a standard descriptor (status %d before start, "
                        "%d in a fork child; 1: fd 0, 2: fd 1)\n", first, second);
        return 1;
    }
    printf("stdio_fds: descriptors 0 and 1 stayed closed\n");
    return 0;
}
