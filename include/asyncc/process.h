/* asyncc/process.h: child processes (Tokio's process::Command and Child): spawned with pipes to
 * their standard streams, awaited without a thread (pidfd readiness), signalled. */
#ifndef ASYNCC_PROCESS_H
#define ASYNCC_PROCESS_H


#include "future.h"
#include "lang.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What a child's standard stream is connected to. */
enum {
    AC_STDIO_INHERIT = 0, /* the parent's */
    AC_STDIO_PIPE,        /* a new pipe; the parent's end is in ac_child (O_CLOEXEC) */
    AC_STDIO_NULL         /* /dev/null */
};

/* How to spawn. Zeroed fields take the defaults: inherit every stream, same directory and
 * environment. */
typedef struct ac_command {
    int stdin_mode, stdout_mode, stderr_mode; /* AC_STDIO_ values */
    const char *cwd;    /* the child's working directory (NULL: the parent's) */
    char *const *envp;  /* the child's environment (NULL: the parent's) */
} ac_command;

/* A spawned child. Read its fields; the runtime writes them. */
typedef struct ac_child {
    int pid; /* a pid_t */
    int pidfd;        /* -1 when the kernel has none (pidfd_open unavailable) */
    int stdin_fd;     /* the parent's end of each AC_STDIO_PIPE stream, else -1 */
    int stdout_fd;
    int stderr_fd;
    AC__BOOL reaped;  /* ac_child_wait has collected the exit status */
    int status;       /* then: wait(2)'s status (WIFEXITED, WEXITSTATUS, WTERMSIG...) */
} ac_child;

/* Bounds on the frames of the futures below (see future.h): awaiting them allocates nothing. */
enum { ac__frame_size_ac_child_wait = 160 };

/*
 * Runs the program file (searched in $PATH when it has no slash, as execvp does) with argv
 * (argv[0] included, NULL-terminated) as a child process, its streams as cmd says (cmd may be
 * NULL). Fills *child. Returns 0, or -errno: -ENOENT when file is not found, -EACCES when it is
 * not executable (a directory, no execute permission) (the exec's error is reported here, not
 * as an exit status), -EMFILE... Plain call (posix_spawn does not wait for the child to run).
 * Nothing is left open on an error. The caller owns the pipes: ac_child_close closes them (and
 * the pidfd). A parent whose standard descriptors are closed (a daemon's) may spawn too: each
 * stream still reaches the child as its 0, 1 or 2.
 */
AC_EXPORT int ac_child_spawn(ac_child *child, const char *file, char *const argv[],
                             const ac_command *cmd);

/*
 * Waits for the child to exit and collects it (no zombie is left). Returns its wait(2) status
 * (>= 0; also in child->status), at once when it was collected before, or -errno (-ECHILD at
 * once for a child never spawned: one whose ac_child_spawn failed, or a zeroed one). Waits for
 * the pidfd to become readable when the kernel has pidfds, else checks with waitpid(WNOHANG)
 * at growing intervals (1 ms up to 50 ms). Cancel-safe: a wait dropped before the child exited
 * leaves it to a later wait. One task at a time per child. Unlike Tokio's Child::wait, it does
 * not close the child's stdin pipe (the descriptor is the caller's): a child that reads its input
 * to the end (cat, sort, a filter) exits only once the caller has closed child->stdin_fd, so
 * close it (and set it to -1, or ac_child_close would close the number again) before waiting.
 */
AC_EXPORT async int ac_child_wait(ac_child *child);

/* Sends sig to the child (through its pidfd when it has one, so never to a process that
 * reused its pid). Returns 0, or -ESRCH once it has been collected, or -errno. */
AC_EXPORT int ac_child_kill(ac_child *child, int sig);

/* Closes the child's pipes and pidfd (each one still open). Does not wait for it: a child never
 * collected stays a zombie until the parent exits (await ac_child_wait first). */
AC_EXPORT void ac_child_close(ac_child *child);

#ifdef __cplusplus
}
#endif

#endif
