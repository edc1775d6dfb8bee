/* runtime/backend.h: the I/O backend boundary: what an operation asks for (struct ac__op), and
 * the small interface every backend implements (io_uring in backend_uring.c, epoll in backend_epoll.c). */
#ifndef ASYNCC_RUNTIME_BACKEND_H
#define ASYNCC_RUNTIME_BACKEND_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/uio.h>

struct ac__worker;
struct statx;

/* What an operation does. Adding one is one entry here, one in each backend's table. */
enum ac__op_kind {
    AC__OP_READ,      /* a.rw: read(2) at offset (-1: the file position) */
    AC__OP_WRITE,     /* a.rw: write(2) likewise */
    AC__OP_RECV,      /* a.rw: recv(2) with a.rw.flags */
    AC__OP_SEND,      /* a.rw: send(2) with a.rw.flags | MSG_NOSIGNAL */
    AC__OP_OPEN,      /* a.path: openat(AT_FDCWD, path, flags | O_CLOEXEC, mode) */
    AC__OP_CLOSE,     /* a.ints.a: close(2) */
    AC__OP_FSYNC,     /* a.ints.a: fsync(2) */
    AC__OP_STATX,     /* a.statx: statx(AT_FDCWD, path, 0, STATX_BASIC_STATS, out) */
    AC__OP_SOCKET,    /* a.ints: socket(a, b | SOCK_CLOEXEC, c) */
    AC__OP_ACCEPT,    /* a.accept: accept4(fd, addr, lenp, SOCK_CLOEXEC) */
    AC__OP_CONNECT,   /* a.connect: connect(2) */
    AC__OP_SHUTDOWN,  /* a.ints: shutdown(a, b) */
    AC__OP_READ_FILE, /* a.read_file: open path, read up to len bytes from its start, close */
    AC__OP_POLL,      /* a.ints: poll(2) for a.ints.a until one of events a.ints.b; the revents */
    AC__OP_READV,     /* a.vec: readv(2) at the file position */
    AC__OP_WRITEV,    /* a.vec: writev(2) at the file position */
    AC__OP_SENDMSG,   /* a.msg: sendmsg(2) with a.msg.flags | MSG_NOSIGNAL */
    AC__OP_RECVMSG,   /* a.msg: recvmsg(2) */
    AC__OP_SPLICE,    /* a.splice: splice(2) */
    AC__OP_UNLINK,    /* a.path: unlinkat(AT_FDCWD, path, flags) (AT_REMOVEDIR: rmdir) */
    AC__OP_MKDIR,     /* a.path: mkdirat(AT_FDCWD, path, mode) */
    AC__OP_RENAME,    /* a.rename: renameat(AT_FDCWD, from, AT_FDCWD, to) */
    AC__OP_NKINDS
};

/* The arguments of an operation, one member per shape. */
union ac__op_args {
    struct {
        int fd;
        union {
            int flags;     /* recv and send: MSG_* */
            int pool_done; /* epoll, read and write: the bytes moved before the pool's part */
        };
        void *buf;
        size_t len;
        long long offset; /* -1: the file position (read and write) */
    } rw;
    struct {
        const char *path;
        int flags;
        unsigned mode;
    } path;
    struct {
        const char *path;
        struct statx *out;
    } statx;
    struct {
        const char *from, *to;
    } rename;
    struct {
        int fd;
        socklen_t cap; /* *lenp when the call began: the room at addr */
        struct sockaddr *addr;
        socklen_t *lenp;
    } accept;
    struct {
        int fd;
        socklen_t len;
        const struct sockaddr *addr;
    } connect;
    struct {
        int a, b, c;
    } ints;
    struct {
        const char *path;
        void *buf;
        unsigned len;
        bool regular; /* ac_read_regular_file: refuse what is no regular file, unread */
        void *st;     /* ac_read_regular_file_stat: a struct stat for the file's fstat, or NULL */
    } read_file;
    struct {
        int fd;
        int cnt;
        const struct iovec *iov;
        long pool_done; /* epoll, writev: the bytes written before the pool's part */
    } vec;
    struct {
        int fd;
        int flags;
        struct msghdr *msg;
    } msg;
    struct {
        int in, out;
        long long off_in, off_out; /* -1: the file position, or a pipe */
        unsigned len, flags;
    } splice;
};

/* A job of the blocking thread pool (blocking.c): run is called on a pool thread, after which
 * the pool touches the job no more. */
struct ac__pool_job {
    struct ac__pool_job *next;
    void (*run)(struct ac__pool_job *job);
};

/* Hands a job to the blocking pool (threads on demand; ac__blocking_drain waits for it). When no
 * pool thread exists and none can start, the job runs on the caller before this returns. */
void ac__pool_submit(struct ac__pool_job *job);

/* One operation. It lives in the frame of the future that waits for it, which keeps it alive
 * until its completion has been dispatched: a backend may write into it, and into the memory
 * its arguments point to, until then. */
struct ac__op {
    /* Called on the submitting worker's thread once the op is over, with res set (the
     * syscall's result or -errno; -ECANCELED when a cancel stopped it). The op may be freed
     * once it returns. Not called when submit reports that the op finished at once. */
    void (*complete)(struct ac__op *op);
    int res;
    uint8_t kind;  /* enum ac__op_kind */
    uint8_t state; /* the backend's */
    uint16_t bits; /* the backend's */
    union ac__op_args a;
    union {
        struct {
            struct ac__pool_job job; /* a pool job, or the link of the backend's lists */
            void *owner;             /* the backend state a pool job completes to */
        } ep; /* epoll */
        struct {
            int open_res, read_res;
        } chain; /* io_uring: the results of ac_read_file's chain */
    } be;
    /* A cancellation asked by another thread, on the owning worker's queue (worker.c). */
    struct ac__op *cancel_next;
    _Atomic uint32_t cancel_taken; /* set by the owner once it is done with the request */
    uint16_t events;               /* the backend's */
    /* ac__fork_epoch when submitted: an op of an older one was the parent process's (fork.c). */
    uint16_t epoch;
};

/* How many fork()s made this process, in the low 16 bits (fork.c): 0 in the first. */
extern uint16_t ac__fork_epoch;

/* Does an AC__OP_READ_FILE op on the calling thread without blocking (io_read_file.c): returns
 * its result, or -EAGAIN when a step of the path's lookup or a page of the file is not cached, or
 * the path names no regular file (for ac_read_regular_file: ac__not_regular's error instead);
 * the op must then be done where it may block. */
int ac__read_file_nowait(const struct ac__op *op);
/* ac_read_regular_file's answer for a file of this st_mode: 0 for a regular file, -EISDIR for
 * a directory, -EINVAL for anything else (a FIFO, a device, a socket). */
int ac__not_regular(unsigned mode);
/* Gives ac_read_regular_file_stat's caller the fstat of the file it read (nothing for the
 * other calls). */
struct stat;
void ac__read_file_stat(const struct ac__op *op, const struct stat *st);
/* The same for an AC__OP_OPEN op (io_file.c): the descriptor when the lookup is cached and the
 * path names a regular file or a directory (opened with the op's flags), a lookup's error, or
 * -EAGAIN for the pool: not cached, O_CREAT/O_TRUNC/O_TMPFILE/O_ASYNC, anything else. */
int ac__open_nowait(const struct ac__op *op);
/* The same for an AC__OP_STATX op (io_file.c): 0 with *out filled, a lookup's or statx's
 * -errno, or -EAGAIN for the pool when a step of the lookup is not cached. */
int ac__stat_nowait(const struct ac__op *op);
/* openat2(path, flags, RESOLVE_CACHED) (io_read_file.c): a descriptor, the lookup's -errno, or
 * -EAGAIN when a step of the lookup is not cached, openat2 refuses the flags or lacks
 * RESOLVE_CACHED (Linux before 5.12). */
int ac__open_cached(const char *path, int flags);

/* The runtime created descriptor fd (ac_accept, ac_socket, ac_tcp_connect) / is closing it
 * (ac_close, or a failed attempt of its own): while the runtime owns a socket, the epoll
 * backend registers it once instead of once per wait (epoll_ready.c). Any thread; fd < 0 or
 * beyond the table: nothing. */
void ac__ep_fd_created(int fd);
void ac__ep_fd_closing(int fd);
/* fd was just made by a plain system call (a pipe, a pidfd, a bound socket of the library): a new
 * file, which the runtime does not own. A socket of the runtime closed with close(2) may have
 * left its number owned, with a registration epoll forgot; no wait on the new file trusts it. */
static inline void ac__ep_fd_fresh(int fd)
{
    ac__ep_fd_closing(fd);
}

/* A backend: one per worker, chosen for the whole runtime at start. Every function but wake
 * runs on the worker's own thread (or on the thread that owns every worker at shutdown). */
struct ac__backend_ops {
    const char *name;
    /* Creates w's backend state in w->io. Returns 0, or -errno with nothing left allocated
     * and a sentence in why (e.g. "io_uring_setup failed: Operation not permitted"). */
    int (*init)(struct ac__worker *w, unsigned entries, char *why, size_t whylen);
    void (*destroy)(struct ac__worker *w);
    /* Starts op. Returns true when it finished at once (op->res set, complete not called),
     * false when complete will be called by a later reap. */
    bool (*submit)(struct ac__worker *w, struct ac__op *op);
    /* Asks op (submitted on w, not yet completed, or completed but not reaped) to end early.
     * Its completion still comes through reap: -ECANCELED, or its result when it finished
     * first. Until then the kernel or a pool thread may still write where op points. */
    void (*cancel)(struct ac__worker *w, struct ac__op *op);
    /* Between two polls: hands prepared work to the kernel when the batch is due. */
    void (*flush)(struct ac__worker *w);
    /* Hands prepared work to the kernel and sleeps until a completion or a wake arrives or
     * the deadline (ns on the runtime clock; UINT64_MAX: none) passes. Dispatches nothing. */
    void (*wait)(struct ac__worker *w, uint64_t deadline);
    /* Dispatches the completions that have arrived (calling each op's complete), at most
     * about max of them (UINT_MAX: all): the others stay with the kernel, in their order, for
     * a later reap. Hands prepared work to the kernel when it is due (as flush) or the reap
     * enters the kernel anyway. Returns how many. */
    unsigned (*reap)(struct ac__worker *w, unsigned max);
    /* Wakes w out of wait; from any thread, and async-signal-safe. */
    void (*wake)(struct ac__worker *w);
    /* Ops submitted whose completion has not been dispatched yet. */
    unsigned (*inflight)(struct ac__worker *w);
    /* About how many completions wait in the kernel for a reap of w's backend; from any
     * thread, without a system call (0 when the backend cannot tell). */
    unsigned (*ready)(struct ac__worker *w);
    /* A reap that woke at least this many tasks wakes a parked worker to take a share of them
     * (0: never; a backlog of AC__SHARE_MIN completions still does, worker.c). */
    unsigned share_woken;
    /* Whether a worker woken by its backend for a few completions while a lower-numbered one
     * keeps up hands the tasks they woke to that one (worker.c, hand_over): true where a task's
     * next op simply goes to the backend of the worker it runs on. */
    bool hands_over;
};

extern const struct ac__backend_ops ac__backend_uring;
extern const struct ac__backend_ops ac__backend_epoll;

#endif
