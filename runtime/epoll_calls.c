/* runtime/epoll_calls.c: the epoll backend's calls: each op tried on the worker without blocking
 * (the socket and pipe calls, preadv2/pwritev2 RWF_NOWAIT), or done blocking on the pool. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/stat.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "backend_epoll.h"
#include "io_op.h"
#include "util.h"

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
    struct ac__sigpipe_hold hold;
    ac__sigpipe_hold(&hold);
    long r = splice(a->splice.in, in < 0 ? NULL : &in, a->splice.out, out < 0 ? NULL : &out,
                    a->splice.len, a->splice.flags | SPLICE_F_NONBLOCK);
    int err = errno;
    ac__sigpipe_release(&hold, r < 0 ? -err : r);
    restore_flags(a->splice.in, fin);
    restore_flags(a->splice.out, fout);
    errno = err;
    if (r < 0 && err == EAGAIN) {
        struct pollfd p = {.fd = a->splice.in, .events = POLLIN};
        op->bits = poll(&p, 1, 0) == 1 ? SPLICE_OUT : 0; /* the input is ready: the output is not */
    }
    return r;
}

/* A read's or write's one buffer, its length capped, and whether it takes the plain call: with
 * no bytes, the plain call, which cannot wait, answers as read(2)/write(2) do (a write to a
 * socket whose peer left: -EPIPE), where preadv2/pwritev2 return 0 unasked. Only for those two
 * kinds: the other ops' arguments leave rw.len unwritten (memcheck saw the test of it). */
static bool rw_buffer(const struct ac__op *op, struct iovec *iov)
{
    *iov = (struct iovec){.iov_base = op->a.rw.buf, .iov_len = ac__rw_chunk(op->a.rw.len)};
    return (op->bits & PLAIN) || iov->iov_len == 0;
}

/* Tries op without blocking: its result, or -EAGAIN when it would block. */
int ac__ep_try_call(struct ac__op *op)
{
    union ac__op_args *a = &op->a;
    struct iovec iov;
    bool plain;
    long r;
    do {
        switch (op->kind) {
        case AC__OP_READ:
            plain = rw_buffer(op, &iov);
            if (plain)
                r = a->rw.offset < 0 ? read(a->rw.fd, iov.iov_base, iov.iov_len)
                                     : pread(a->rw.fd, iov.iov_base, iov.iov_len, a->rw.offset);
            else
                r = preadv2(a->rw.fd, &iov, 1, a->rw.offset, RWF_NOWAIT);
            break;
        case AC__OP_WRITE:
            plain = rw_buffer(op, &iov);
            if (plain)
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
            if (r >= 0)
                ac__ep_fd_created((int)r);
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
            if (r == 0 || (r > 0 && (p.revents & POLLNVAL))) { /* as io_uring's POLL_ADD says */
                errno = r ? EBADF : EAGAIN;
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

/* Opens as io_uring does: with O_NONBLOCK first (unless it creates, truncates or opens a mere
 * O_PATH), so that a
 * FIFO's open never waits for its other end, which no cancellation could interrupt (a read-only
 * one succeeds at once, a write-only one fails with -ENXIO while nobody reads); the descriptor
 * then has the flags asked for. What O_NONBLOCK refuses with EAGAIN (a lease) opens blocking. */
static int open_nowait_first(const char *path, int flags, unsigned mode)
{
    flags |= O_CLOEXEC;
    int fd = -1;
    if (!(flags & (O_CREAT | O_TRUNC | (O_TMPFILE & ~O_DIRECTORY) | O_PATH))) {
        fd = openat(AT_FDCWD, path, flags | O_NONBLOCK, mode);
        if (fd < 0 && errno != EAGAIN)
            return -errno;
        if (fd >= 0 && !(flags & O_NONBLOCK)) {
            int now = fcntl(fd, F_GETFL);
            if (now < 0 || fcntl(fd, F_SETFL, now & ~O_NONBLOCK) < 0) {
                int err = errno;
                close(fd);
                return -err;
            }
        }
    }
    if (fd < 0)
        fd = openat(AT_FDCWD, path, flags, mode);
    return neg_errno(fd);
}

/* A writev on a pool thread, whole unless it fails (as io_uring's of a regular file), up to
 * AC__MAX_RW bytes in all: the vector is the caller's, so a copy of it goes past what is written,
 * starting past the pool_done bytes written before. Returns the bytes written here, or -errno
 * for none. */
static int writev_rest(struct ac__op *op)
{
    const struct iovec *iov = op->a.vec.iov;
    struct iovec rest[IOV_MAX];
    size_t skip = (size_t)op->a.vec.pool_done, room = AC__MAX_RW - skip;
    int n = 0;
    for (int i = 0; i < op->a.vec.cnt && n < IOV_MAX && room; i++) {
        if (skip >= iov[i].iov_len) {
            skip -= iov[i].iov_len;
            continue;
        }
        size_t len = iov[i].iov_len - skip;
        rest[n].iov_base = (char *)iov[i].iov_base + skip;
        rest[n++].iov_len = len < room ? len : room;
        room -= len < room ? len : room;
        skip = 0;
    }
    long total = 0;
    for (int k = 0; k < n;) {
        ssize_t r = writev(op->a.vec.fd, rest + k, n - k);
        if (r <= 0)
            return total ? (int)total : (int)neg_errno(r);
        total += r;
        for (; k < n && (size_t)r >= rest[k].iov_len; k++)
            r -= (ssize_t)rest[k].iov_len;
        if (k < n) {
            rest[k].iov_base = (char *)rest[k].iov_base + r;
            rest[k].iov_len -= (size_t)r;
        }
    }
    return (int)total;
}

/* The call of an op on a pool thread, blocking. */
static int blocking_call(struct ac__op *op)
{
    union ac__op_args *a = &op->a;
    long r;
    switch (op->kind) {
    case AC__OP_READ:
        r = a->rw.offset < 0 ? read(a->rw.fd, a->rw.buf, ac__rw_chunk(a->rw.len))
                             : pread(a->rw.fd, a->rw.buf, ac__rw_chunk(a->rw.len), a->rw.offset);
        return neg_errno(r);
    case AC__OP_WRITE:
        r = a->rw.offset < 0 ? write(a->rw.fd, a->rw.buf, ac__rw_chunk(a->rw.len))
                             : pwrite(a->rw.fd, a->rw.buf, ac__rw_chunk(a->rw.len), a->rw.offset);
        return neg_errno(r);
    case AC__OP_READV:
        return neg_errno(readv(a->vec.fd, a->vec.iov, a->vec.cnt));
    case AC__OP_WRITEV:
        return writev_rest(op);
    case AC__OP_SPLICE: {
        loff_t in = a->splice.off_in, out = a->splice.off_out;
        struct ac__sigpipe_hold hold;
        ac__sigpipe_hold(&hold);
        r = neg_errno(splice(a->splice.in, in < 0 ? NULL : &in, a->splice.out,
                             out < 0 ? NULL : &out, a->splice.len, a->splice.flags));
        ac__sigpipe_release(&hold, r);
        return (int)r;
    }
    case AC__OP_OPEN:
        return open_nowait_first(a->path.path, a->path.flags, a->path.mode);
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
        /* Non-blocking for good (the descriptor is ours alone): a FIFO or a device is read by
         * readiness on a worker, whose read must never wait. */
        int fd = open_nowait_first(a->read_file.path, O_RDONLY | O_NONBLOCK, 0);
        if (fd < 0)
            return fd;
        struct stat st;
        bool known = fstat(fd, &st) == 0;
        int refused = known && a->read_file.regular ? ac__not_regular(st.st_mode) : 0;
        if (refused < 0) {
            close(fd);
            return refused;
        }
        if (known && S_ISREG(st.st_mode))
            ac__read_file_stat(op, &st);
        if (known && !S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode)) {
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

void ac__ep_wake(struct ep *e)
{
    uint64_t one = 1;
    ssize_t n;
    do {
        n = write(e->eventfd, &one, sizeof one);
    } while (n < 0 && errno == EINTR);
}

/* Moves a read or write's arguments past (or, n negative, back before) n bytes done. */
static void advance_rw(struct ac__op *op, long n)
{
    op->a.rw.buf = (char *)op->a.rw.buf + n;
    op->a.rw.len -= (size_t)n;
    if (op->a.rw.offset >= 0)
        op->a.rw.offset += n;
}

/* The op's result once the pool has done its part: with the bytes done before (a cancel or an
 * error after them reports them, as read(2) does), and its arguments as they were. */
static int pool_result(struct ac__op *op, int res)
{
    if (op->kind == AC__OP_WRITEV) {
        int before = (int)op->a.vec.pool_done;
        op->a.vec.pool_done = 0;
        return before && res < 0 ? before : res + before;
    }
    if (op->kind != AC__OP_READ && op->kind != AC__OP_WRITE)
        return res;
    int done = op->a.rw.pool_done;
    if (!done)
        return res;
    advance_rw(op, -(long)done);
    op->a.rw.pool_done = 0;
    return res >= 0 ? res + done : done;
}

static void pool_run(struct ac__pool_job *job)
{
    struct ac__op *op = (struct ac__op *)((char *)job - offsetof(struct ac__op, be.ep.job));
    struct ep *e = op->be.ep.owner;
    if (__atomic_load_n(&op->events, __ATOMIC_ACQUIRE) & POOL_CANCELLED)
        op->res = pool_result(op, -ECANCELED);
    else
        op->res = pool_result(op, blocking_call(op));
    /* Hand it back to its worker; after the push the op may be gone. */
    struct ac__op *head = atomic_load_explicit(&e->pool_done, memory_order_relaxed);
    do
        set_next(op, head);
    while (!atomic_compare_exchange_weak_explicit(&e->pool_done, &head, op, memory_order_release,
                                                  memory_order_relaxed));
    ac__ep_wake(e);
}

void ac__ep_to_pool(struct ac__worker *w, struct ac__op *op)
{
    op->state = ON_POOL;
    op->events = 0;
    op->bits = 0;
    op->be.ep.owner = E(w);
    op->be.ep.job.run = pool_run;
    ac__pool_submit(&op->be.ep.job);
}

/* The bytes op asked for in one call. */
static size_t asked(const struct ac__op *op)
{
    if (op->kind == AC__OP_READ || op->kind == AC__OP_WRITE)
        return ac__rw_chunk(op->a.rw.len);
    size_t n = 0;
    for (int i = 0; i < op->a.vec.cnt; i++)
        n += op->a.vec.iov[i].iov_len;
    return n;
}

static int fd_of(const struct ac__op *op)
{
    return op->kind == AC__OP_READV || op->kind == AC__OP_WRITEV ? op->a.vec.fd : op->a.rw.fd;
}

/* Whether a short count of a read, done bytes from where it began, is end of file (st: the
 * file's). */
static bool at_end(const struct ac__op *op, const struct stat *st, long done)
{
    if (op->kind == AC__OP_WRITE || op->kind == AC__OP_WRITEV || !S_ISREG(st->st_mode))
        return false;
    long long pos = op->kind == AC__OP_READ && op->a.rw.offset >= 0 ? op->a.rw.offset + done
                                                                     : lseek(fd_of(op), 0, SEEK_CUR);
    return pos < 0 || pos >= st->st_size;
}

/* pread(2) and pwrite(2) of a regular file or block device, and io_uring's, move the whole
 * count (a read less only at end of file), and programs count on it (`n < len` read as the
 * end): RWF_NOWAIT stops at the first page not in the page cache, and a short count there
 * would end a copy early. So the pool does the rest (a readv, whose vector is the caller's,
 * all of it again, from where it began). A short count of anything else (a pipe, a socket) is
 * the answer, as read(2)'s; only short counts pay for the fstat. (A writev, which cannot be
 * taken back to be done again, goes on past what it wrote.) */
bool ac__ep_rest_to_pool(struct ac__worker *w, struct ac__op *op, long done)
{
    if ((op->kind != AC__OP_READ && op->kind != AC__OP_WRITE && op->kind != AC__OP_READV &&
         op->kind != AC__OP_WRITEV) ||
        (op->bits & PLAIN) || done <= 0 || (size_t)done >= asked(op))
        return false;
    struct stat st;
    if (fstat(fd_of(op), &st) != 0 || !(S_ISREG(st.st_mode) || S_ISBLK(st.st_mode)) ||
        at_end(op, &st, done))
        return false;
    if (op->kind == AC__OP_WRITEV) {
        op->a.vec.pool_done = done;
    } else if (op->kind == AC__OP_READV) {
        if (lseek(op->a.vec.fd, -(off_t)done, SEEK_CUR) < 0)
            return false;
    } else {
        advance_rw(op, done);
        op->a.rw.pool_done = (int)done;
    }
    ac__ep_to_pool(w, op);
    return true;
}
