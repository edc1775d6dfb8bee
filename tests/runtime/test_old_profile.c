/* tests/runtime/test_old_profile.c (async C): the runtime in a container whose seccomp profile
 * does not list the newer calls it uses: io_uring's, epoll_pwait2, openat2, cachestat,
 * pidfd_open, pidfd_send_signal, refused with EPERM (what Docker's profile answers for a call it
 * does not know) or ENOSYS (an older kernel). Timers, ac_read_file, ac_open, ac_sendfile and a
 * child killed and waited for all work; before, epoll_pwait2's EPERM ended the program
 * ("fatal: epoll_wait"), openat2's made ac_read_file fail with -EPERM for every file, and
 * pidfd_send_signal's made ac_child_kill fail. */
#define _GNU_SOURCE /* pipe2 */
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

#ifndef __NR_cachestat
#define __NR_cachestat 451
#endif

/* Refuses the newer calls with err; with_pidfd_open: pidfd_open stays allowed (so that the
 * pidfd_send_signal refusal is met). */
static int refuse_newer_calls(int err, bool with_pidfd_open)
{
    unsigned nrs[] = {
        SYS_io_uring_setup, SYS_epoll_pwait2, SYS_openat2, __NR_cachestat,
        SYS_pidfd_send_signal, with_pidfd_open ? SYS_io_uring_setup : SYS_pidfd_open,
    };
    enum { N = sizeof nrs / sizeof nrs[0] };
    struct sock_filter filter[1 + 2 * N + 1];
    unsigned k = 0;
    filter[k++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
    for (unsigned i = 0; i < N; i++) {
        filter[k++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, nrs[i], 0, 1);
        filter[k++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
                                                   SECCOMP_RET_ERRNO | ((unsigned)err & SECCOMP_RET_DATA));
    }
    filter[k++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
    struct sock_fprog prog = {.len = (unsigned short)k, .filter = filter};
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
        return -1;
    return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog);
}

static async int work(void)
{
    /* Timers: epoll_pwait2's timeout, or epoll_wait's. */
    unsigned long long t0 = ac_now_ms();
    await(ac_sleep_ms(20));
    CHECK_INT(>=, ac_now_ms() - t0, 20);

    /* ac_read_file and ac_open: openat2's cached lookup, or the pool's openat. */
    char path[64], buf[64];
    snprintf(path, sizeof path, "/tmp/asyncc-old-profile-%d", (int)getpid());
    int fd = await(ac_open(path, O_RDWR | O_CREAT | O_TRUNC, 0600));
    CHECK_INT(>=, fd, 0);
    CHECK_EQ(await(ac_write_all(fd, "old profile", 11)), 11);
    CHECK_EQ(await(ac_read_file(path, buf, sizeof buf)), 11);
    CHECK(memcmp(buf, "old profile", 11) == 0);
    CHECK_EQ(await(ac_read_file("/nonexistent/asyncc", buf, sizeof buf)), -ENOENT);
    int fd2 = await(ac_open(path, O_RDONLY, 0));
    CHECK_INT(>=, fd2, 0);
    await(ac_close(fd2));

    /* ac_sendfile: cachestat, or the pipe way. */
    int sv[2];
    CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
    CHECK_EQ(await(ac_sendfile(sv[0], fd, 0, 11)), 11);
    CHECK_EQ(await(ac_read_exact(sv[1], buf, 11)), 11);
    CHECK(memcmp(buf, "old profile", 11) == 0);
    close(sv[0]);
    close(sv[1]);
    await(ac_close(fd));
    unlink(path);

    /* A child killed: pidfd_send_signal, or kill(2); waited for: its pidfd, or waitpid. */
    char *argv[] = {"sleep", "30", NULL};
    ac_child child;
    CHECK_EQ(ac_child_spawn(&child, "sleep", argv, NULL), 0);
    CHECK_EQ(ac_child_kill(&child, SIGKILL), 0);
    int status = -1;
    CHECK_EQ(await(ac_timeout(5000, status = ac_child_wait(&child))), 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    ac_child_close(&child);
    return 1;
}

/* Runs work in a child under the filter; false when no filter can be installed here. */
static bool run_refused(int err, bool with_pidfd_open)
{
    fflush(NULL);
    pid_t pid = fork(); /* the runtime never runs in this process */
    CHECK(pid >= 0);
    if (pid == 0) {
        if (refuse_newer_calls(err, with_pidfd_open))
            _exit(77);
        int ok = ac_block_on(work());
        ac_runtime_shutdown();
        fflush(NULL);
        _exit(ok == 1 ? 0 : 1);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    if (!WIFEXITED(status) || (WEXITSTATUS(status) != 0 && WEXITSTATUS(status) != 77)) {
        fprintf(stderr, "old_profile: refused with %s%s: child status %#x\n", strerror(err),
                with_pidfd_open ? " (pidfd_open allowed)" : "", status);
        abort();
    }
    return WEXITSTATUS(status) == 0;
}

int main(void)
{
    static const int errs[] = {EPERM, ENOSYS};
    for (unsigned i = 0; i < 2; i++)
        for (int with_pidfd_open = 0; with_pidfd_open < 2; with_pidfd_open++)
            if (!run_refused(errs[i], with_pidfd_open)) {
                printf("old_profile: cannot install a seccomp filter here: skipped\n");
                return TEST_SKIP;
            }
    printf("old_profile: ok\n");
    return 0;
}
