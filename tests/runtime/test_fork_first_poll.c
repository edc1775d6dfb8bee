/* tests/runtime/test_fork_first_poll.c (async C): fork() in the first poll of the task a thread
 * waits for in ac_block_on. The child exits when the task completes there (its waiting thread
 * is the parent's alone); but the waiting thread noted that it waits only once it began to
 * wait, after starting the task, so a fork() in the task's first poll could come first: that
 * child never exited (flex made async, whose forked filters return at once, hung 1 run in 5
 * under load). Many rounds, each a fresh task forking at once; each child must exit 0. */
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test.h"

#define ROUNDS 300

TEST_NO_LEAK_CHECK_AFTER_FORK()

static async int fork_at_once(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        await(ac_yield()); /* the child's runtime wakes */
        return -1;         /* the child exits 0 here: its ac_block_on caller is not in it */
    }
    return pid;
}

/* The child's exit status, or -1 when it has not exited in 20 s (then killed). */
static int wait_exit(pid_t pid)
{
    for (int i = 0; i < 20000; i++) {
        int status;
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid)
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        struct timespec ms = {0, 1000000};
        nanosleep(&ms, NULL);
    }
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    return -1;
}

int main(void)
{
    if (test_under_tsan()) /* no threads after a multi-threaded fork() */
        return 77;
    int hung = 0, failed = 0;
    for (int i = 0; i < ROUNDS; i++) {
        fflush(NULL);
        int pid = ac_block_on(fork_at_once());
        CHECK(pid > 0);
        int status = wait_exit(pid);
        hung += status == -1;
        failed += status > 0;
    }
    if (hung || failed) {
        fprintf(stderr, "fork_first_poll: of %d children forked in a first poll, %d never exited, %d "
                        "exited non-zero\n", ROUNDS, hung, failed);
        return 1;
    }
    printf("fork_first_poll: %d children exited\n", ROUNDS);
    return 0;
}
