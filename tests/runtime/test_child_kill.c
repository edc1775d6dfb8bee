/* tests/runtime/test_child_kill.c (async C): ac_child_kill signals the child where the kernel
 * (or a seccomp filter) offers pidfd_open but not pidfd_send_signal: it falls back to kill(2)
 * instead of failing with -ENOSYS and leaving the child running. Also with both calls. */
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

/* pidfd_send_signal fails with ENOSYS from now on. */
static int deny_pidfd_send_signal(void)
{
#ifdef SYS_pidfd_send_signal
    struct sock_filter filter[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_pidfd_send_signal, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (ENOSYS & SECCOMP_RET_DATA)),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    struct sock_fprog prog = {.len = sizeof filter / sizeof filter[0], .filter = filter};
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
        return -1;
    return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog);
#else
    return -1;
#endif
}

/* A child that would sleep 30 s, killed: it ends by SIGKILL within 5 s. */
static async int kill_sleeper(void)
{
    char *argv[] = {"sleep", "30", NULL};
    ac_child child;
    CHECK_EQ(ac_child_spawn(&child, "sleep", argv, NULL), 0);
    CHECK_EQ(ac_child_kill(&child, SIGKILL), 0);
    int status = -1;
    CHECK_EQ(await(ac_timeout(5000, status = ac_child_wait(&child))), 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    CHECK_EQ(ac_child_kill(&child, SIGKILL), -ESRCH); /* collected */
    ac_child_close(&child);
    return 1;
}

int main(void)
{
    fflush(NULL);
    pid_t pid = fork(); /* before the runtime starts here */
    CHECK(pid >= 0);
    if (pid == 0) {
        if (deny_pidfd_send_signal())
            _exit(77);
        int ok = ac_block_on(kill_sleeper());
        ac_runtime_shutdown();
        fflush(NULL);
        _exit(ok == 1 ? 0 : 1);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK(WIFEXITED(status));
    if (WEXITSTATUS(status) == 77) {
        printf("child_kill: no seccomp here: only the plain case\n");
    } else {
        CHECK_EQ(WEXITSTATUS(status), 0);
    }
    CHECK_EQ(ac_block_on(kill_sleeper()), 1);
    ac_runtime_shutdown();
    printf("child_kill: ok\n");
    return 0;
}
