/* asyncc/runtime.h: configuring, inspecting and stopping the runtime from C.
 * The runtime starts by itself with the defaults; configure it before the first spawn to change them. */
#ifndef ASYNCC_RUNTIME_H
#define ASYNCC_RUNTIME_H

#include "future.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The runtime's configuration (Tokio's Builder). A field left 0 takes its default. */
typedef struct ac_runtime_config {
    unsigned workers;        /* worker threads; default $ASYNCC_WORKERS, else the CPU count */
    int current_thread;      /* nonzero: no worker threads; tasks run on the thread that is in
                                ac_block_on (or async main), like Tokio's current_thread flavour
                                (with several threads in ac_block_on, on one of them at a time) */
    unsigned ring_entries;   /* io_uring submission queue size per worker; default 256, at least 8 */
    unsigned global_queue_interval; /* polls between checks of the global queue; default 61 */
    unsigned budget;         /* leaf-future operations per poll before a forced yield; default 128 */
    int file_slots;          /* direct descriptors per worker's ring, for ac_read_file; default
                                (0) 256, at most RLIMIT_NOFILE; negative: none */
    int backend;             /* AC_BACKEND_*: the I/O backend; default (0) $ASYNCC_BACKEND, else
                                io_uring when the kernel allows it, else epoll */
    int keep_sigpipe;        /* nonzero: leave SIGPIPE's disposition as the program has it. By
                                default the runtime catches SIGPIPE at start with a handler that
                                does nothing when it is at its default action (a write to a pipe
                                whose reader is gone then returns -EPIPE; programs the process
                                execs get the default action back); a command-line tool that should
                                die quietly in `tool | head`, as Unix tools do, keeps it. The
                                runtime's own writes to sockets raise no SIGPIPE either way. */
} ac_runtime_config;

/* The I/O backends (ac_runtime_config.backend). io_uring is the faster; epoll runs where
 * io_uring is missing or denied (older kernels, containers whose seccomp profile refuses it),
 * with files read and written on the blocking pool when the page cache does not have them. */
enum {
    AC_BACKEND_AUTO = 0,
    AC_BACKEND_IO_URING = 1,
    AC_BACKEND_EPOLL = 2,
};

/* Environment read when the runtime starts (a value that is not a number in range is said on
 * stderr once per process, and the default used):
 *   ASYNCC_WORKERS=n         worker threads when the configuration leaves workers at 0
 *   ASYNCC_BACKEND=b         io_uring, epoll or auto (the default) when the configuration
 *                            leaves backend at 0. With auto, a runtime that falls back to
 *                            epoll says so (and why) in one line on stderr
 *   ASYNCC_SLOW_POLL_MS=n    report on stderr every poll that runs n ms or more without
 *                            yielding: once while it still runs (the watchdog: the task's
 *                            function and the await it was polled from), and again when it
 *                            returns, with the await where it stopped
 *   ASYNCC_NO_SIGUSR1=1      do not install the SIGUSR1 task-dump handler */

/* Fills config with the defaults (workers from $ASYNCC_WORKERS or the CPU count). */
AC_EXPORT void ac_runtime_config_default(ac_runtime_config *config);

/* Sets the configuration of the process's runtime. Must come before anything starts the runtime
 * (a spawn, ac_block_on, async main's first line is too late: call it from a constructor or
 * from plain C before ac_block_on). Returns 0, -EBUSY when the runtime is running already, or
 * -EINVAL for an impossible configuration. */
AC_EXPORT int ac_runtime_configure(const ac_runtime_config *config);

/* Starts the runtime now (it starts by itself on first use otherwise). Returns 0 when it runs
 * (already, or now), or -errno when it cannot start: the backend asked for is unavailable (with
 * AC_BACKEND_AUTO: neither io_uring nor epoll could be set up), threads or memory are
 * lacking. ac_runtime_start_error then says why in a sentence. Nothing is left running after
 * a failure, and a later call tries again. ac_block_on from plain C returns a zeroed value when
 * the runtime cannot start: call this first to tell that apart. */
AC_EXPORT int ac_runtime_start(void);

/* Why the last ac_runtime_start (or the start inside ac_block_on or async main) failed; "" when
 * it did not. */
AC_EXPORT const char *ac_runtime_start_error(void);

/* The running runtime's backend: "io_uring" or "epoll"; NULL when it is not running. */
AC_EXPORT const char *ac_runtime_backend(void);

/* Stops the runtime started by ac_block_on calls: drops every task that has not finished
 * (running its cleanups), waits for in-flight I/O to complete, and frees everything. A later
 * spawn starts a new runtime. Must not be called from a task. async main does this itself.
 * A thread waiting in ac_block_on meanwhile gets a zeroed value back (its future is dropped
 * like the others), and the shutdown waits for it to let go of the task.
 *
 * Work that other threads (not the runtime's tasks) start while it runs gets a defined answer,
 * never a task queued where no worker will run it: an ac_spawn from outside the runtime either
 * comes first (its task is dropped with the others) or is refused, returning a NULL handle (the
 * future is dropped without running; ac_task_join(NULL) gives -EINVAL, detach and cancel do
 * nothing), or, once the shutdown has returned, starts the next runtime; the same for a spawn
 * from a cleanup that the shutdown runs. An ac_block_on either runs on this runtime (and gets
 * a zeroed value if the shutdown drops its future), is refused (a zeroed value at once; the
 * future is dropped without running), or waits for the shutdown to end and runs on the next
 * runtime. A wake, cancel or abort from another thread meanwhile queues nothing: the shutdown
 * drops the task. Join handles not released by then are freed by the shutdown. */
AC_EXPORT void ac_runtime_shutdown(void);

/* Counters, summed over the workers; cheap enough to read often, approximate while running. */
typedef struct ac_runtime_stats {
    unsigned workers;
    __UINT64_TYPE__ tasks_spawned;
    __UINT64_TYPE__ tasks_alive;   /* spawned and not yet freed (a finished task lives on until joined) */
    __UINT64_TYPE__ polls;
    __UINT64_TYPE__ steals;        /* tasks taken from another worker's queue */
    __UINT64_TYPE__ parks;         /* times a worker went to sleep in io_uring_enter */
    __UINT64_TYPE__ io_submitted;
    __UINT64_TYPE__ io_completed;
} ac_runtime_stats;

/* Fills stats (all zero when the runtime has not started). */
AC_EXPORT void ac_runtime_stats_get(ac_runtime_stats *stats);

struct _IO_FILE; /* FILE, without <stdio.h>: a program may have a FILE of its own */

/* Writes one line per live task to out: its root function and, following each frame's child,
 * the file:line of the await it is suspended at. A running task is written as "running".
 * Safe to call from any thread and from a task. The same dump is written to stderr when the
 * process receives SIGUSR1 (see ac_task_dump_on_signal). */
AC_EXPORT void ac_task_dump(struct _IO_FILE *out);

/* Installs (on != 0) or removes a SIGUSR1 handler that writes the task dump to stderr.
 * The runtime installs it when it starts unless $ASYNCC_NO_SIGUSR1 is set. Returns 0 or -errno. */
AC_EXPORT int ac_task_dump_on_signal(int on);

#ifdef __cplusplus
}
#endif

#endif
