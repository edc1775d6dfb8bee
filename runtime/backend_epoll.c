/* runtime/backend_epoll.c: the epoll backend, for where io_uring is missing or denied: sockets and
 * pipes by readiness (the call first, non-blocking; one-shot interest on EAGAIN), files through
 * preadv2/pwritev2(RWF_NOWAIT) first and the blocking pool when the page cache lacks them. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/stat.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "backend.h"
#include "task.h"
#include "worker.h"

#define MAX_EVENTS 128
#define EVENTFD_DATA UINT64_MAX

/* The ops that wait for one descriptor's readiness on this worker. */
struct fd_entry {
    struct ac__op *waiters; /* linked through be.ep.job.next */
    uint32_t armed;         /* events of the one-shot interest registered and not yet fired */
    bool registered;        /* epoll knows the descriptor (ADD done, not closed through us) */
    /* The last plain recv here got less than it asked for, and no readiness came since: the
     * socket is most likely empty, so the next recv waits for readiness without trying first
     * (a request-response protocol's next recv nearly always finds nothing: a recvfrom saved
     * per request). Only a hint: arming re-checks readiness, so data that came meanwhile is
     * reported at once, also when the number now names another socket. */
    bool drained;
};

struct ep {
    int epfd, eventfd;
    struct fd_entry *fds;
    unsigned nfds;
    struct epoll_event events[MAX_EVENTS];
    int nevents;    /* harvested by wait, not yet dispatched */
    bool harvested; /* wait looked since the last reap: reap need not look again */
    /* The last look took as many events as it asked for: more may wait in the kernel (read by
     * other workers, see ep_ready). */
    _Atomic unsigned more;
    bool no_pwait2; /* the kernel lacks epoll_pwait2 (before 5.11): ms timeouts */
    /* Completions to dispatch (cancelled waiters), first to last. */
    struct ac__op *ready, **ready_tail;
    /* Ops finished on pool threads, pushed there (a stack). */
    struct ac__op *_Atomic pool_done;
    unsigned ops; /* ops submitted and not yet completed */
};

/* op->state */
enum { IDLE, WAITING, ON_POOL, READY };
/* op->bits */
enum {
    PLAIN = 1,            /* the file has no RWF_NOWAIT: plain read/write once it is ready */
    RESTORE_BLOCKING = 2, /* connect made the socket non-blocking: make it blocking again */
    SPLICE_OUT = 4,       /* a splice waits for its output (else for its input) */
    READ_FILE_FD = 8      /* ac_read_file opened something that is no regular file: op->res
                             is its descriptor, read by readiness like a pipe */
};
/* op->events of an op on the pool: a cancel asked it not to start. */
#define POOL_CANCELLED 1u

static inline struct ep *E(struct ac__worker *w)
{
    return w->io;
}

static inline struct ac__op *next_of(struct ac__op *op)
{
    return (struct ac__op *)op->be.ep.job.next;
}

static inline void set_next(struct ac__op *op, struct ac__op *next)
{
    op->be.ep.job.next = (struct ac__pool_job *)next;
}

/* The descriptor an op waits on (every shape keeps it first). */
static int op_fd(struct ac__op *op)
{
    switch (op->kind) {
    case AC__OP_ACCEPT:
        return op->a.accept.fd;
    case AC__OP_CONNECT:
        return op->a.connect.fd;
    case AC__OP_READV:
    case AC__OP_WRITEV:
        return op->a.vec.fd;
    case AC__OP_SENDMSG:
    case AC__OP_RECVMSG:
        return op->a.msg.fd;
    case AC__OP_POLL:
        return op->a.ints.a;
    case AC__OP_SPLICE:
        return op->bits & SPLICE_OUT ? op->a.splice.out : op->a.splice.in;
    case AC__OP_READ_FILE:
        return op->res;
    default:
        return op->a.rw.fd;
    }
}

/* ------------------------------------------------------------------------------------------ */
/* The calls                                                                                  */

static int neg_errno(long r)
{
    return r < 0 ? -errno : (int)r;
}

static size_t chunk(size_t len)
{
    return len > 0x7ffff000u ? 0x7ffff000u : len;
}

/* Makes fd non-blocking for one call; returns the flags to restore (-1: nothing to restore). */
static int nonblock_for_a_call(int fd)
{
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0 || (flags & O_NONBLOCK) || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0)
        return -1;
    return flags;
}

static void restore_flags(int fd, int flags)
{
    if (flags >= 0)
        fcntl(fd, F_SETFL, flags);
}

/* A splice that blocks neither on a pipe (SPLICE_F_NONBLOCK) nor on a socket, which heeds
 * only its own O_NONBLOCK: both ends are made non-blocking for the call. On EAGAIN, notes
 * which end to wait for. */
static long try_splice(struct ac__op *op)
{
    union ac__op_args *a = &op->a;
    loff_t in = a->splice.off_in, out = a->splice.off_out;
    int fin = nonblock_for_a_call(a->splice.in), fout = nonblock_for_a_call(a->splice.out);
    long r = splice(a->splice.in, in < 0 ? NULL : &in, a->splice.out, out < 0 ? NULL : &out,
                    a->splice.len, a->splice.flags | SPLICE_F_NONBLOCK);
    int err = errno;
    restore_flags(a->splice.in, fin);
    restore_flags(a->splice.out, fout);
    errno = err;
    if (r < 0 && err == EAGAIN) {
        struct pollfd p = {.fd = a->splice.in, .events = POLLIN};
        op->bits = poll(&p, 1, 0) == 1 ? SPLICE_OUT : 0; /* the input is ready: the output is not */
    }
    return r;
}

/* Tries op without blocking: its result, or -EAGAIN when it would block. */
static int try_call(struct ac__op *op)
{
    union ac__op_args *a = &op->a;
    struct iovec iov = {.iov_base = a->rw.buf, .iov_len = chunk(a->rw.len)};
    long r;
    do {
        switch (op->kind) {
        case AC__OP_READ:
            if (op->bits & PLAIN)
                r = a->rw.offset < 0 ? read(a->rw.fd, iov.iov_base, iov.iov_len)
                                     : pread(a->rw.fd, iov.iov_base, iov.iov_len, a->rw.offset);
            else
                r = preadv2(a->rw.fd, &iov, 1, a->rw.offset, RWF_NOWAIT);
            break;
        case AC__OP_WRITE:
            if (op->bits & PLAIN)
                r = a->rw.offset < 0 ? write(a->rw.fd, iov.iov_base, iov.iov_len)
                                     : pwrite(a->rw.fd, iov.iov_base, iov.iov_len, a->rw.offset);
            else
                r = pwritev2(a->rw.fd, &iov, 1, a->rw.offset, RWF_NOWAIT);
            break;
        case AC__OP_RECV:
            r = recv(a->rw.fd, a->rw.buf, a->rw.len, a->rw.flags | MSG_DONTWAIT);
            break;
        case AC__OP_SEND:
            r = send(a->rw.fd, a->rw.buf, a->rw.len, a->rw.flags | MSG_DONTWAIT | MSG_NOSIGNAL);
            break;
        case AC__OP_ACCEPT:
            r = accept4(a->accept.fd, a->accept.addr, a->accept.lenp, SOCK_CLOEXEC);
            break;
        case AC__OP_READV:
            r = op->bits & PLAIN ? readv(a->vec.fd, a->vec.iov, a->vec.cnt)
                                 : preadv2(a->vec.fd, a->vec.iov, a->vec.cnt, -1, RWF_NOWAIT);
            break;
        case AC__OP_WRITEV:
            r = op->bits & PLAIN ? writev(a->vec.fd, a->vec.iov, a->vec.cnt)
                                 : pwritev2(a->vec.fd, a->vec.iov, a->vec.cnt, -1, RWF_NOWAIT);
            break;
        case AC__OP_SENDMSG:
            r = sendmsg(a->msg.fd, a->msg.msg, a->msg.flags | MSG_DONTWAIT | MSG_NOSIGNAL);
            break;
        case AC__OP_RECVMSG:
            r = recvmsg(a->msg.fd, a->msg.msg, a->msg.flags | MSG_DONTWAIT);
            break;
        case AC__OP_SPLICE:
            r = try_splice(op);
            break;
        case AC__OP_READ_FILE:
            r = read(op->res, a->read_file.buf, a->read_file.len);
            break;
        case AC__OP_POLL: {
            struct pollfd p = {.fd = a->ints.a, .events = (short)a->ints.b};
            r = poll(&p, 1, 0);
            if (r == 0) {
                errno = EAGAIN;
                r = -1;
            } else if (r > 0) {
                r = (unsigned short)p.revents;
            }
            break;
        }
        case AC__OP_CONNECT: { /* called once the socket is writable: the connect is over */
            int err = 0;
            socklen_t len = sizeof err;
            r = getsockopt(a->connect.fd, SOL_SOCKET, SO_ERROR, &err, &len);
            if (r == 0 && err) {
                errno = err;
                r = -1;
            }
            break;
        }
        default:
            ac__panic("epoll backend: op kind %u has no non-blocking form", op->kind);
        }
    } while (r < 0 && errno == EINTR);
    if (r < 0 && errno == EWOULDBLOCK)
        return -EAGAIN;
    return neg_errno(r);
}

/* The call of an op on a pool thread, blocking. */
static int blocking_call(struct ac__op *op)
{
    union ac__op_args *a = &op->a;
    long r;
    switch (op->kind) {
    case AC__OP_READ:
        r = a->rw.offset < 0 ? read(a->rw.fd, a->rw.buf, chunk(a->rw.len))
                             : pread(a->rw.fd, a->rw.buf, chunk(a->rw.len), a->rw.offset);
        return neg_errno(r);
    case AC__OP_WRITE:
        r = a->rw.offset < 0 ? write(a->rw.fd, a->rw.buf, chunk(a->rw.len))
                             : pwrite(a->rw.fd, a->rw.buf, chunk(a->rw.len), a->rw.offset);
        return neg_errno(r);
    case AC__OP_READV:
        return neg_errno(readv(a->vec.fd, a->vec.iov, a->vec.cnt));
    case AC__OP_WRITEV:
        return neg_errno(writev(a->vec.fd, a->vec.iov, a->vec.cnt));
    case AC__OP_SPLICE: {
        loff_t in = a->splice.off_in, out = a->splice.off_out;
        return neg_errno(splice(a->splice.in, in < 0 ? NULL : &in, a->splice.out,
                                out < 0 ? NULL : &out, a->splice.len, a->splice.flags));
    }
    case AC__OP_OPEN:
        return neg_errno(openat(AT_FDCWD, a->path.path, a->path.flags | O_CLOEXEC, a->path.mode));
    case AC__OP_FSYNC:
        return neg_errno(fsync(a->ints.a));
    case AC__OP_UNLINK:
        return neg_errno(unlinkat(AT_FDCWD, a->path.path, a->path.flags));
    case AC__OP_MKDIR:
        return neg_errno(mkdirat(AT_FDCWD, a->path.path, a->path.mode));
    case AC__OP_RENAME:
        return neg_errno(renameat(AT_FDCWD, a->rename.from, AT_FDCWD, a->rename.to));
    case AC__OP_STATX:
        return neg_errno(statx(AT_FDCWD, a->statx.path, 0, STATX_BASIC_STATS,
                               (struct statx *)a->statx.out));
    case AC__OP_READ_FILE: {
        int fd = openat(AT_FDCWD, a->read_file.path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return -errno;
        struct stat st;
        if (fstat(fd, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode)) {
            /* A FIFO or a device may wait for ever: its read goes by readiness. */
            op->bits = READ_FILE_FD;
            return fd;
        }
        r = neg_errno(pread(fd, a->read_file.buf, a->read_file.len, 0));
        close(fd);
        return (int)r;
    }
    default:
        ac__panic("epoll backend: op kind %u has no blocking form", op->kind);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* The blocking pool                                                                          */

static void wake_ep(struct ep *e)
{
    uint64_t one = 1;
    ssize_t n;
    do {
        n = write(e->eventfd, &one, sizeof one);
    } while (n < 0 && errno == EINTR);
}

static void pool_run(struct ac__pool_job *job)
{
    struct ac__op *op = (struct ac__op *)((char *)job - offsetof(struct ac__op, be.ep.job));
    struct ep *e = op->be.ep.owner;
    if (__atomic_load_n(&op->events, __ATOMIC_ACQUIRE) & POOL_CANCELLED)
        op->res = -ECANCELED;
    else
        op->res = blocking_call(op);
    /* Hand it back to its worker; after the push the op may be gone. */
    struct ac__op *head = atomic_load_explicit(&e->pool_done, memory_order_relaxed);
    do
        set_next(op, head);
    while (!atomic_compare_exchange_weak_explicit(&e->pool_done, &head, op, memory_order_release,
                                                  memory_order_relaxed));
    wake_ep(e);
}

static void to_pool(struct ac__worker *w, struct ac__op *op)
{
    op->state = ON_POOL;
    op->events = 0;
    op->bits = 0;
    op->be.ep.owner = E(w);
    op->be.ep.job.run = pool_run;
    ac__pool_submit(&op->be.ep.job);
}

/* ------------------------------------------------------------------------------------------ */
/* Readiness                                                                                  */

static struct fd_entry *entry(struct ep *e, int fd)
{
    if ((unsigned)fd >= e->nfds) {
        unsigned n = e->nfds ? e->nfds : 64;
        while (n <= (unsigned)fd)
            n *= 2;
        struct fd_entry *more = realloc(e->fds, n * sizeof *more);
        if (!more)
            return NULL;
        memset(more + e->nfds, 0, (n - e->nfds) * sizeof *more);
        e->fds = more;
        e->nfds = n;
    }
    return &e->fds[fd];
}

/* Registers one-shot interest in events of fd. A descriptor number may have been closed and
 * reused behind our back: epoll then knows the old file, not this one, so MOD finds nothing
 * and we ADD.
 * Why a wait costs this epoll_ctl, where Tokio registers a socket once (edge-triggered) and
 * waits for free: Tokio owns the descriptor and deregisters it when it is dropped; here the
 * program owns raw numbers and may close(2) one without ac_close (epoll then forgets the file
 * silently) and get the same number back from pipe(2), socket(2) or dup(2). A registration
 * kept per number, even with a generation that ac_close and the runtime's own accept and
 * socket bump, would then wait on a file epoll does not watch, for ever; telling the files
 * apart takes a system call per wait (fstat, or this MOD, which also re-checks readiness). */
static int arm(struct ep *e, int fd, struct fd_entry *x, uint32_t events)
{
    struct epoll_event ev = {.events = events | EPOLLONESHOT, .data.u64 = (uint64_t)fd};
    int op = x->registered ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
    int r = epoll_ctl(e->epfd, op, fd, &ev);
    if (r < 0 && errno == (op == EPOLL_CTL_MOD ? ENOENT : EEXIST))
        r = epoll_ctl(e->epfd, op == EPOLL_CTL_MOD ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, fd, &ev);
    if (r < 0)
        return -errno;
    x->registered = true;
    x->armed = events;
    return 0;
}

/* Makes op wait until fd is ready for events; -EPERM when fd cannot be polled (a regular
 * file), another -errno when it is no descriptor. */
static int add_waiter(struct ep *e, struct ac__op *op, uint32_t events)
{
    int fd = op_fd(op);
    if (fd < 0)
        return -EBADF;
    struct fd_entry *x = entry(e, fd);
    if (!x)
        return -ENOMEM;
    uint32_t want = events;
    for (struct ac__op *o = x->waiters; o; o = next_of(o))
        want |= o->events;
    /* Another waiter's interest covers ours already (and the descriptor cannot have changed
     * under a pending op without the program breaking that op anyway). */
    if (!x->waiters || (x->armed & want) != want) {
        int r = arm(e, fd, x, want);
        if (r < 0)
            return r;
    }
    op->events = events;
    op->state = WAITING;
    set_next(op, x->waiters);
    x->waiters = op;
    return 0;
}

static uint32_t interest(struct ac__op *op)
{
    switch (op->kind) {
    case AC__OP_POLL: /* poll(2)'s bits are epoll's */
        return (uint32_t)op->a.ints.b;
    case AC__OP_SPLICE:
        return op->bits & SPLICE_OUT ? EPOLLOUT : EPOLLIN | EPOLLRDHUP;
    case AC__OP_READ_FILE:
        return EPOLLIN | EPOLLRDHUP;
    case AC__OP_READ:
    case AC__OP_READV:
    case AC__OP_RECV:
    case AC__OP_RECVMSG:
    case AC__OP_ACCEPT:
        return EPOLLIN | EPOLLRDHUP;
    default:
        return EPOLLOUT;
    }
}

/* A send or receive whose caller passed MSG_DONTWAIT gets -EAGAIN, as recv(2) and io_uring
 * give it, rather than a wait for readiness. */
static bool asks_not_to_wait(struct ac__op *op)
{
    switch (op->kind) {
    case AC__OP_RECV:
    case AC__OP_SEND:
        return op->a.rw.flags & MSG_DONTWAIT;
    case AC__OP_RECVMSG:
    case AC__OP_SENDMSG:
        return op->a.msg.flags & MSG_DONTWAIT;
    default:
        return false;
    }
}

static void restore_blocking(struct ac__op *op)
{
    if (!(op->bits & RESTORE_BLOCKING))
        return;
    int fd = op->a.connect.fd;
    int flags = fcntl(fd, F_GETFL);
    if (flags >= 0)
        fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    op->bits &= (uint16_t)~RESTORE_BLOCKING;
}

/* What an op that waited for readiness undoes before it completes. */
static void settle(struct ac__op *op)
{
    if (op->kind == AC__OP_CONNECT)
        restore_blocking(op);
    else if (op->kind == AC__OP_READ_FILE && (op->bits & READ_FILE_FD))
        close(op->res);
}

static void complete(struct ep *e, struct ac__op *op, int res)
{
    op->state = IDLE;
    op->res = res;
    e->ops--;
    op->complete(op);
}

/* Notes whether a plain recv on x's descriptor left it empty (see fd_entry.drained). */
static void note_recv(struct fd_entry *x, struct ac__op *op, int res)
{
    if (op->kind == AC__OP_RECV && op->a.rw.flags == 0)
        x->drained = res > 0 && (size_t)res < op->a.rw.len;
}

/* fd is ready (its one-shot interest fired): the waiters whose events came try again. */
static void fd_ready(struct ep *e, int fd, uint32_t revents)
{
    if ((unsigned)fd >= e->nfds)
        return;
    struct fd_entry *x = &e->fds[fd];
    x->armed = 0;
    x->drained = false;
    uint32_t want = 0;
    struct ac__op **pp = &x->waiters, *op;
    while ((op = *pp)) {
        if (revents & (op->events | EPOLLERR | EPOLLHUP)) {
            int res = try_call(op);
            note_recv(x, op, res);
            if (res != -EAGAIN) {
                *pp = next_of(op); /* unlinked before complete: op may go away there */
                settle(op);
                complete(e, op, res);
                continue;
            }
        }
        want |= op->events;
        pp = (struct ac__op **)&op->be.ep.job.next;
    }
    if (want) {
        int r = arm(e, fd, x, want);
        if (r < 0) { /* the descriptor went away under its waiters: they fail */
            while ((op = x->waiters)) {
                x->waiters = next_of(op);
                settle(op);
                complete(e, op, r);
            }
        }
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Submitting and cancelling                                                                  */

/* A read or write that may be of a file without readiness (RWF_NOWAIT first). */
static bool is_file_rw(struct ac__op *op)
{
    return op->kind == AC__OP_READ || op->kind == AC__OP_WRITE || op->kind == AC__OP_READV ||
           op->kind == AC__OP_WRITEV;
}

static bool finished(struct ac__op *op, int res)
{
    op->res = res;
    return true;
}

static bool start_connect(struct ep *e, struct ac__op *op)
{
    int fd = op->a.connect.fd;
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0)
        return finished(op, -errno);
    op->bits = 0;
    if (!(flags & O_NONBLOCK)) {
        if (fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0)
            return finished(op, -errno);
        op->bits = RESTORE_BLOCKING;
    }
    int r;
    do
        r = connect(fd, op->a.connect.addr, op->a.connect.len);
    while (r < 0 && errno == EINTR);
    if (r < 0 && errno == EINPROGRESS) {
        r = add_waiter(e, op, EPOLLOUT);
        if (r == 0)
            return false;
    } else {
        r = neg_errno(r);
    }
    restore_blocking(op);
    return finished(op, r);
}

static bool ep_submit(struct ac__worker *w, struct ac__op *op)
{
    struct ep *e = E(w);
    union ac__op_args *a = &op->a;
    int r;
    AC__STAT_INC(w, io_submitted);
    e->ops++; /* undone below when it finishes at once */
    switch ((enum ac__op_kind)op->kind) {
    case AC__OP_SOCKET:
        r = neg_errno(socket(a->ints.a, a->ints.b | SOCK_CLOEXEC, a->ints.c));
        break;
    case AC__OP_SHUTDOWN:
        r = neg_errno(shutdown(a->ints.a, a->ints.b));
        break;
    case AC__OP_CLOSE:
        if (a->ints.a >= 0 && (unsigned)a->ints.a < e->nfds)
            e->fds[a->ints.a].registered = e->fds[a->ints.a].drained = false;
        r = neg_errno(close(a->ints.a));
        break;
    case AC__OP_READ_FILE:
        /* A file in the page cache costs four calls here, less than a trip to the pool. */
        if ((r = ac__read_file_nowait(op)) != -EAGAIN)
            break;
        to_pool(w, op);
        return false;
    case AC__OP_OPEN:
        /* A cached path opens here in two or three calls, less than a trip to the pool. */
        if ((r = ac__open_nowait(op)) != -EAGAIN)
            break;
        to_pool(w, op);
        return false;
    case AC__OP_STATX:
        /* A cached path: an O_PATH open, statx and close, less than a trip to the pool. */
        if ((r = ac__stat_nowait(op)) != -EAGAIN)
            break;
        to_pool(w, op);
        return false;
    case AC__OP_FSYNC: /* waits for the disk: on the pool */
    case AC__OP_UNLINK:
    case AC__OP_MKDIR:
    case AC__OP_RENAME:
        to_pool(w, op);
        return false;
    case AC__OP_CONNECT:
        if (!start_connect(e, op))
            return false;
        r = op->res;
        break;
    case AC__OP_ACCEPT: {
        /* accept has no per-call non-blocking flag: the listening socket becomes
         * non-blocking (it stays so; accepted sockets are blocking as usual). */
        int flags = fcntl(a->accept.fd, F_GETFL);
        if (flags >= 0 && !(flags & O_NONBLOCK))
            fcntl(a->accept.fd, F_SETFL, flags | O_NONBLOCK);
    }
        /* fallthrough */
    case AC__OP_READ:
    case AC__OP_WRITE:
    case AC__OP_READV:
    case AC__OP_WRITEV:
    case AC__OP_RECV:
    case AC__OP_SEND:
    case AC__OP_RECVMSG:
    case AC__OP_SENDMSG:
    case AC__OP_POLL:
    case AC__OP_SPLICE:
        op->bits = 0;
        if (op->kind == AC__OP_RECV && a->rw.flags == 0 && a->rw.fd >= 0 &&
            (unsigned)a->rw.fd < e->nfds && e->fds[a->rw.fd].drained) {
            if (add_waiter(e, op, interest(op)) == 0)
                return false;
            e->fds[a->rw.fd].drained = false; /* no socket now: the call says what it is */
        }
        r = try_call(op);
        if (op->kind == AC__OP_RECV && a->rw.fd >= 0 && (unsigned)a->rw.fd < e->nfds)
            note_recv(&e->fds[a->rw.fd], op, r);
        if (r == -EOPNOTSUPP && is_file_rw(op)) {
            op->bits = PLAIN; /* no RWF_NOWAIT here (a tty): wait for readiness, then call */
            r = -EAGAIN;
        }
        if (r != -EAGAIN || asks_not_to_wait(op))
            break;
        r = add_waiter(e, op, interest(op));
        if (r == 0)
            return false;
        if (r == -EPERM && (is_file_rw(op) || op->kind == AC__OP_SPLICE)) {
            to_pool(w, op); /* a regular file whose pages are not in memory */
            return false;
        }
        break;
    default:
        ac__panic("epoll backend: unknown op kind %u", op->kind);
    }
    e->ops--;
    AC__STAT_INC(w, io_completed);
    return finished(op, r);
}

static void ep_cancel(struct ac__worker *w, struct ac__op *op)
{
    struct ep *e = E(w);
    switch (op->state) {
    case WAITING: {
        struct fd_entry *x = &e->fds[op_fd(op)];
        for (struct ac__op **pp = &x->waiters; *pp; pp = (struct ac__op **)&(*pp)->be.ep.job.next)
            if (*pp == op) {
                *pp = next_of(op);
                break;
            }
        settle(op);
        /* Its interest stays armed: an event for nobody costs one look later. */
        op->state = READY;
        op->res = -ECANCELED;
        set_next(op, NULL);
        *e->ready_tail = op;
        e->ready_tail = (struct ac__op **)&op->be.ep.job.next;
        break;
    }
    case ON_POOL: /* a call under way runs to its end; one not started will not start */
        __atomic_fetch_or(&op->events, POOL_CANCELLED, __ATOMIC_RELEASE);
        break;
    default: /* its completion is on its way to dispatch already */
        break;
    }
}

static void ep_flush(struct ac__worker *w)
{
    w->flush_since = 0; /* nothing is ever held back */
}

/* ------------------------------------------------------------------------------------------ */
/* Waiting and dispatching                                                                    */

static bool completions_queued(struct ep *e)
{
    return e->ready || atomic_load_explicit(&e->pool_done, memory_order_acquire);
}

/* Takes up to max (1 to MAX_EVENTS) ready descriptors' events, waiting until the deadline for
 * one when there are none and nothing else is queued. */
static void harvest(struct ep *e, uint64_t deadline, int max)
{
    int n;
    if (deadline == 0 || completions_queued(e)) {
        n = epoll_wait(e->epfd, e->events, max, 0);
    } else if (deadline == UINT64_MAX) {
        n = epoll_wait(e->epfd, e->events, max, -1);
    } else {
        uint64_t now = ac__now_ns();
        uint64_t ns = deadline > now ? deadline - now : 0;
        n = -1;
        if (!e->no_pwait2) {
            struct timespec ts = {.tv_sec = (time_t)(ns / 1000000000u),
                                  .tv_nsec = (long)(ns % 1000000000u)};
            n = (int)syscall(SYS_epoll_pwait2, e->epfd, e->events, max, &ts, NULL, 0);
            if (n < 0 && errno == ENOSYS)
                e->no_pwait2 = true;
        }
        if (e->no_pwait2) { /* whole milliseconds, rounded up: a timer never fires early */
            uint64_t ms = (ns + 999999) / 1000000;
            n = epoll_wait(e->epfd, e->events, max, ms > INT_MAX ? INT_MAX : (int)ms);
        }
    }
    if (n < 0) {
        if (errno != EINTR)
            ac__panic("epoll_wait: %s", strerror(errno));
        n = 0;
    }
    e->nevents = n;
    e->harvested = true;
    atomic_store_explicit(&e->more, n == max ? (unsigned)n : 0, memory_order_relaxed);
}

static void ep_wait(struct ac__worker *w, uint64_t deadline)
{
    struct ep *e = E(w);
    if (e->nevents)
        return; /* events still to dispatch */
    harvest(e, deadline, MAX_EVENTS);
}

/* ac_read_file opened a FIFO or a device on the pool: read it when it is ready. Returns
 * true when it waits (else op->res holds the read's result and the descriptor is open). */
static bool read_file_wait(struct ep *e, struct ac__op *op)
{
    int fd = op->res;
    int r = try_call(op);
    if (r == -EAGAIN) {
        r = add_waiter(e, op, interest(op));
        if (r == 0)
            return true;
    }
    close(fd);
    op->bits = 0;
    op->res = r;
    return false;
}

static unsigned ep_reap(struct ac__worker *w, unsigned max)
{
    struct ep *e = E(w);
    unsigned total = 0;
    bool saved = ac__driver_enter();
    if (!e->harvested) /* (an event readies one op or a few; pool and cancelled ops are few) */
        harvest(e, 0, max >= MAX_EVENTS ? MAX_EVENTS : max ? (int)max : 1);
    e->harvested = false;
    for (int i = 0; i < e->nevents; i++) {
        uint64_t data = e->events[i].data.u64;
        if (data == EVENTFD_DATA) {
            uint64_t v;
            ssize_t n = read(e->eventfd, &v, sizeof v);
            (void)n;
            continue;
        }
        unsigned before = e->ops;
        fd_ready(e, (int)data, e->events[i].events);
        total += before - e->ops;
    }
    e->nevents = 0;
    struct ac__op *op = atomic_exchange_explicit(&e->pool_done, NULL, memory_order_acquire);
    struct ac__op *fifo = NULL;
    while (op) { /* a stack: reverse it, oldest first */
        struct ac__op *next = next_of(op);
        set_next(op, fifo);
        fifo = op;
        op = next;
    }
    while ((op = fifo)) {
        fifo = next_of(op);
        if (op->kind == AC__OP_READ_FILE && (op->bits & READ_FILE_FD)) {
            if (op->events & POOL_CANCELLED) {
                close(op->res);
                op->bits = 0;
                op->res = -ECANCELED;
            } else if (read_file_wait(e, op)) {
                continue;
            }
        }
        complete(e, op, op->res);
        total++;
    }
    while ((op = e->ready)) {
        e->ready = next_of(op);
        if (!e->ready)
            e->ready_tail = &e->ready;
        complete(e, op, op->res);
        total++;
    }
    AC__STAT_ADD(w, io_completed, total);
    ac__driver_leave(saved);
    return total;
}

static void ep_wake(struct ac__worker *w)
{
    wake_ep(E(w));
}

static unsigned ep_inflight(struct ac__worker *w)
{
    return E(w)->ops;
}

/* epoll says how many descriptors are ready only by taking them: a full last harvest is the
 * hint that more wait. */
static unsigned ep_ready(struct ac__worker *w)
{
    return atomic_load_explicit(&E(w)->more, memory_order_relaxed);
}

/* ------------------------------------------------------------------------------------------ */
/* Setup                                                                                      */

static int ep_init(struct ac__worker *w, unsigned entries, char *why, size_t whylen)
{
    (void)entries;
    int r;
    struct ep *e = calloc(1, sizeof *e);
    if (!e) {
        snprintf(why, whylen, "out of memory");
        return -ENOMEM;
    }
    e->ready_tail = &e->ready;
    e->epfd = epoll_create1(EPOLL_CLOEXEC);
    if (e->epfd < 0) {
        r = -errno;
        snprintf(why, whylen, "epoll_create1 failed: %s", strerror(errno));
        goto err;
    }
    e->eventfd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (e->eventfd < 0) {
        r = -errno;
        snprintf(why, whylen, "eventfd failed: %s", strerror(errno));
        goto err_epfd;
    }
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = EVENTFD_DATA};
    if (epoll_ctl(e->epfd, EPOLL_CTL_ADD, e->eventfd, &ev) < 0) {
        r = -errno;
        snprintf(why, whylen, "epoll_ctl failed: %s", strerror(errno));
        goto err_eventfd;
    }
    w->io = e;
    return 0;
err_eventfd:
    close(e->eventfd);
err_epfd:
    close(e->epfd);
err:
    free(e);
    return r;
}

static void ep_destroy(struct ac__worker *w)
{
    struct ep *e = E(w);
    if (!e)
        return;
    close(e->epfd);
    close(e->eventfd);
    free(e->fds);
    free(e);
    w->io = NULL;
}

const struct ac__backend_ops ac__backend_epoll = {
    .name = "epoll",
    .init = ep_init,
    .destroy = ep_destroy,
    .submit = ep_submit,
    .cancel = ep_cancel,
    .flush = ep_flush,
    .wait = ep_wait,
    .reap = ep_reap,
    .wake = ep_wake,
    .inflight = ep_inflight,
    .ready = ep_ready,
};
