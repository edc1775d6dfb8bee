/* runtime/process.c: child processes (asyncc/process.h): posix_spawn with pipes, and a wait
 * that awaits the pidfd's readiness (or polls waitpid at growing intervals without pidfds). */
#define _GNU_SOURCE /* pipe2, posix_spawn_file_actions_addchdir_np */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "asyncc/fd.h"
#include "asyncc/process.h"
#include "asyncc/task.h"
#include "backend.h"
#include "task.h"
#include "worker.h"

extern char **environ;
extern const ac_future_type ac__type_ac_fd_readable, ac__type_ac_sleep_ms;
void ac__init_ac_fd_readable(void *frame, int fd);
void ac__init_ac_sleep_ms(void *frame, unsigned long ms);

static int pidfd_open_(pid_t pid)
{
#ifdef SYS_pidfd_open
    int fd = (int)syscall(SYS_pidfd_open, pid, 0);
    return fd < 0 ? -errno : fd;
#else
    (void)pid;
    return -ENOSYS;
#endif
}

/* ------------------------------------------------------------------------------------------ */
/* Spawning                                                                                   */

/* The pipe or /dev/null for one stream: child_end goes to the child as fd target. */
static int prepare_stream(posix_spawn_file_actions_t *fa, int mode, int target, bool child_reads,
                          int *parent_end, int *child_end)
{
    *parent_end = *child_end = -1;
    if (mode == AC_STDIO_INHERIT)
        return 0;
    if (mode == AC_STDIO_NULL)
        return -posix_spawn_file_actions_addopen(fa, target, "/dev/null",
                                                 child_reads ? O_RDONLY : O_WRONLY, 0);
    if (mode != AC_STDIO_PIPE)
        return -EINVAL;
    int p[2];
    if (pipe2(p, O_CLOEXEC) < 0)
        return -errno;
    *child_end = child_reads ? p[0] : p[1];
    *parent_end = child_reads ? p[1] : p[0];
    ac__ep_fd_fresh(*parent_end);
    int r = ac__fd_out_of_reach(child_end);
    if (r < 0)
        return r;
    /* dup2 onto the target clears O_CLOEXEC there; the originals close at exec. */
    return -posix_spawn_file_actions_adddup2(fa, *child_end, target);
}

static void close_fd(int *fd)
{
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
}

int ac_child_spawn(ac_child *child, const char *file, char *const argv[], const ac_command *cmd)
{
    static const ac_command defaults;
    if (!cmd)
        cmd = &defaults;
    memset(child, 0, sizeof *child);
    child->pid = -1;
    child->pidfd = child->stdin_fd = child->stdout_fd = child->stderr_fd = -1;
    int theirs[3] = {-1, -1, -1};
    posix_spawn_file_actions_t fa;
    int r = -posix_spawn_file_actions_init(&fa);
    if (r < 0)
        return r;
    if ((r = prepare_stream(&fa, cmd->stdin_mode, 0, true, &child->stdin_fd, &theirs[0])) < 0 ||
        (r = prepare_stream(&fa, cmd->stdout_mode, 1, false, &child->stdout_fd, &theirs[1])) < 0 ||
        (r = prepare_stream(&fa, cmd->stderr_mode, 2, false, &child->stderr_fd, &theirs[2])) < 0)
        goto out;
    if (cmd->cwd && (r = -posix_spawn_file_actions_addchdir_np(&fa, cmd->cwd)) < 0)
        goto out;
    /* SIGPIPE: the runtime catches it rather than ignoring it (runtime.c), and exec gives a
     * caught signal its default action back, so the child's `yes | head` ends. */
    pid_t pid;
    r = -posix_spawnp(&pid, file, &fa, NULL, argv, cmd->envp ? cmd->envp : environ);
    if (r < 0)
        goto out;
    child->pid = pid;
    int pfd = pidfd_open_(pid);
    ac__ep_fd_fresh(pfd);
    child->pidfd = pfd >= 0 ? pfd : -1;
out:
    for (int i = 0; i < 3; i++)
        close_fd(&theirs[i]);
    posix_spawn_file_actions_destroy(&fa);
    if (r < 0)
        ac_child_close(child);
    return r;
}

void ac_child_close(ac_child *child)
{
    close_fd(&child->stdin_fd);
    close_fd(&child->stdout_fd);
    close_fd(&child->stderr_fd);
    close_fd(&child->pidfd);
}

int ac_child_kill(ac_child *child, int sig)
{
    if (child->reaped || child->pid <= 0)
        return -ESRCH;
#ifdef SYS_pidfd_send_signal
    /* Without the call (a seccomp filter that allows pidfd_open only: ENOSYS, or EPERM as
     * Docker's profile refuses what it does not list), kill(2) is as safe: a child not
     * collected yet keeps its pid, at least as a zombie; and a child we may not signal says
     * EPERM there too. */
    if (child->pidfd >= 0) {
        if (syscall(SYS_pidfd_send_signal, child->pidfd, sig, NULL, 0) == 0)
            return 0;
        if (errno != ENOSYS && errno != EPERM)
            return -errno;
    }
#endif
    return kill(child->pid, sig) ? -errno : 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Waiting                                                                                    */

struct wait_frame {
    unsigned state; /* 0: check, 1: waiting for readiness or a pause, DONE */
    int ret;
    ac_child *child;
    unsigned pause_ms; /* without a pidfd: the next pause between checks */
    const ac_future_type *waiting; /* the child future in flight */
    _Alignas(16) unsigned char sub[(int)ac__frame_size_ac_fd_readable > (int)ac__frame_size_ac_sleep_ms
                                       ? ac__frame_size_ac_fd_readable
                                       : ac__frame_size_ac_sleep_ms];
};

/* Collects the child if it has exited: 1 (status stored), 0 (still running) or -errno. A child
 * never spawned (a failed spawn leaves pid -1; a zeroed ac_child has 0) has nothing to collect:
 * waitpid(-1) or (0) would take another child's exit, which its own wait then never sees. */
static int try_reap(ac_child *c)
{
    if (c->pid <= 0)
        return -ECHILD;
    int status;
    pid_t r = waitpid(c->pid, &status, WNOHANG);
    if (r < 0)
        return -errno;
    if (r == 0)
        return 0;
    c->status = status;
    c->reaped = true;
    return 1;
}

static int wait_poll(void *frame, ac_cx *cx)
{
    struct wait_frame *f = frame;
    ac_child *c = f->child;
    if (f->state == 0 && !ac__coop_check(cx)) /* a child that exited completes it at once */
        return AC_PENDING;
    for (;;) {
        if (f->state == 1) {
            if (f->waiting->poll(f->sub, cx) == AC_PENDING)
                return AC_PENDING;
            f->state = 0;
        }
        int r = c->reaped ? 1 : try_reap(c);
        if (r != 0) {
            ac__coop_charge(cx);
            f->ret = r < 0 ? r : c->status;
            f->state = AC_STATE_DONE;
            return AC_READY;
        }
        /* A pidfd becomes readable when the child exits. */
        if (c->pidfd >= 0) {
            f->waiting = &ac__type_ac_fd_readable;
            ac__init_ac_fd_readable(f->sub, c->pidfd);
        } else {
            f->waiting = &ac__type_ac_sleep_ms;
            ac__init_ac_sleep_ms(f->sub, f->pause_ms);
            f->pause_ms = f->pause_ms < 50 ? f->pause_ms * 2 : 50;
        }
        f->state = 1;
    }
}

static void wait_drop(void *frame, ac_cx *cx)
{
    struct wait_frame *f = frame;
    if (f->state == 1)
        ac__drop(f->waiting, f->sub, cx);
    f->state = AC_STATE_DONE;
}

AC__LEAF_TYPE(ac_child_wait, struct wait_frame, ret, wait_poll, wait_drop, "child process");

AC_EXPORT void ac__init_ac_child_wait(void *frame, ac_child *child);
void ac__init_ac_child_wait(void *frame, ac_child *child)
{
    struct wait_frame *f = frame;
    f->state = 0;
    f->ret = 0;
    f->child = child;
    f->pause_ms = 1;
}
