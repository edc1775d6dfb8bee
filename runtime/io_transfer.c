/* runtime/io_transfer.c: bulk transfers of asyncc/transfer.h: send_all and writev_all (looping
 * io ops), readv/writev, splice, and sendfile (sendfile(2) on the worker for cached pages to a
 * socket, else two splices per chunk through its own pipe). */
#define _GNU_SOURCE /* pipe2, SPLICE_F_MOVE */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "asyncc/transfer.h"
#include "io_op.h"
#include "task.h"


/* ------------------------------------------------------------------------------------------ */
/* send_all                                                                                   */

/* A looping transfer's step: 1 with f->ret set when finished, 0 to go on (f->ret counts the
 * bytes sent so far). */
static int finish_step(struct ac__io_frame *f, int res, size_t left)
{
    if (res == -EINTR || res == -EAGAIN)
        return 0;
    if (res <= 0) {
        f->ret = res < 0 ? res : -EIO; /* no progress would loop forever */
        return 1;
    }
    f->ret += res;
    return left == (size_t)res ? 1 : 0;
}

static int finish_send(struct ac__io_frame *f, int res)
{
    size_t left = f->op.a.rw.len;
    if (finish_step(f, res, left))
        return 1;
    f->op.a.rw.buf = (char *)f->op.a.rw.buf + res;
    f->op.a.rw.len -= (size_t)res;
    return 0;
}

AC__IO_TYPE(ac_send_all, long, 0);
AC_EXPORT void ac__init_ac_send_all(void *frame, int fd, const void *buf, size_t len, int flags);
void ac__init_ac_send_all(void *frame, int fd, const void *buf, size_t len, int flags)
{
    struct ac__io_frame *f = ac__io_frame_init(frame, AC__OP_SEND, finish_send);
    f->op.a.rw.fd = fd;
    f->op.a.rw.buf = (void *)buf;
    f->op.a.rw.len = len; /* the kernel sends at most 2 GiB at a time: the loop goes on */
    f->op.a.rw.flags = flags;
    f->op.a.rw.offset = -1;
    ac__io_nothing_if(f, len == 0);
}

/* ------------------------------------------------------------------------------------------ */
/* readv, writev, writev_all                                                                  */

/* Copies the next iovecs (at most 8) to the frame, the first one past what was written, and
 * points the op at them. */
static void fill_cur(struct ac__io_frame *f)
{
    typeof(f->x.vec) *v = &f->x.vec;
    unsigned n = v->cnt < 8 ? (unsigned)v->cnt : 8;
    ac__copy(v->cur, v->iov, n * sizeof(struct iovec)); /* iovcnt 0 may come with a NULL iov */
    v->cur[0].iov_base = (char *)v->cur[0].iov_base + v->skip;
    v->cur[0].iov_len -= v->skip;
    if (v->not_socket) {
        f->op.kind = AC__OP_WRITEV;
        f->op.a.vec.fd = f->op.a.msg.fd;
        f->op.a.vec.iov = v->cur;
        f->op.a.vec.cnt = (int)n;
        return;
    }
    memset(&v->hdr, 0, sizeof v->hdr);
    v->hdr.msg_iov = v->cur;
    v->hdr.msg_iovlen = n;
    f->op.a.msg.msg = &v->hdr;
}

static int finish_readv(struct ac__io_frame *f, int res)
{
    size_t left = res > 0 ? (size_t)res : 0;
    for (int i = 0; i < f->op.a.vec.cnt && left; i++) {
        size_t n = f->op.a.vec.iov[i].iov_len < left ? f->op.a.vec.iov[i].iov_len : left;
        AC__KERNEL_WROTE(f->op.a.vec.iov[i].iov_base, n);
        left -= n;
    }
    return ac__io_finish(f, res);
}

/* Steps past wrote bytes of the caller's iovecs: whole ones (empty ones too), then part of one. */
static void skip_written(struct ac__io_frame *f, size_t wrote)
{
    typeof(f->x.vec) *v = &f->x.vec;
    while (v->cnt && wrote >= v->iov[0].iov_len - v->skip) {
        wrote -= v->iov[0].iov_len - v->skip;
        v->skip = 0;
        v->iov++;
        v->cnt--;
    }
    v->skip += wrote;
}

static int finish_writev_all(struct ac__io_frame *f, int res)
{
    typeof(f->x.vec) *v = &f->x.vec;
    if (res == -ENOTSOCK && !v->not_socket) {
        v->not_socket = true;
        fill_cur(f);
        return 0;
    }
    if (res == -EINTR || res == -EAGAIN)
        return 0;
    if (res < 0 || (res == 0 && v->cnt)) {
        f->ret = res < 0 ? res : -EIO; /* no progress would loop forever */
        return 1;
    }
    f->ret += res;
    skip_written(f, (size_t)res);
    if (!v->cnt)
        return 1;
    fill_cur(f);
    return 0;
}

static void init_vec(void *frame, enum ac__op_kind kind, ac__io_finish_fn *finish, int fd,
                     const struct iovec *iov, int iovcnt)
{
    struct ac__io_frame *f = ac__io_frame_init(frame, kind, finish);
    f->op.a.vec.fd = fd;
    f->op.a.vec.iov = iov;
    f->op.a.vec.cnt = iovcnt;
}

AC__IO_TYPE(ac_readv, long, 0);
AC_EXPORT void ac__init_ac_readv(void *frame, int fd, const struct iovec *iov, int iovcnt);
void ac__init_ac_readv(void *frame, int fd, const struct iovec *iov, int iovcnt)
{
    init_vec(frame, AC__OP_READV, finish_readv, fd, iov, iovcnt);
}

/* On a socket, when SIGPIPE is not ignored, a sendmsg(2) with MSG_NOSIGNAL: a peer that hung
 * up gives -EPIPE, not the program's handler. */
AC__IO_TYPE(ac_writev, long, sizeof(struct msghdr));
AC_EXPORT void ac__init_ac_writev(void *frame, int fd, const struct iovec *iov, int iovcnt);
void ac__init_ac_writev(void *frame, int fd, const struct iovec *iov, int iovcnt)
{
    if (!ac__send_quietly(fd)) {
        init_vec(frame, AC__OP_WRITEV, ac__io_finish, fd, iov, iovcnt);
        return;
    }
    struct ac__io_frame *f = ac__io_frame_init(frame, AC__OP_SENDMSG, ac__io_finish);
    memset(&f->x.msg.hdr, 0, sizeof f->x.msg.hdr);
    f->x.msg.hdr.msg_iov = (struct iovec *)iov;
    f->x.msg.hdr.msg_iovlen = iovcnt < 0 ? 0 : (size_t)iovcnt;
    f->op.a.msg.fd = fd;
    f->op.a.msg.msg = &f->x.msg.hdr;
    f->op.a.msg.flags = 0;
}

AC__IO_TYPE(ac_writev_all, long, sizeof(((struct ac__io_frame *)0)->x.vec));
AC_EXPORT void ac__init_ac_writev_all(void *frame, int fd, const struct iovec *iov, int iovcnt);
void ac__init_ac_writev_all(void *frame, int fd, const struct iovec *iov, int iovcnt)
{
    ac__init_writev_all_to(frame, fd, iov, iovcnt, false);
}

void ac__init_writev_all_to(void *frame, int fd, const struct iovec *iov, int iovcnt,
                            bool not_socket)
{
    struct ac__io_frame *f = ac__io_frame_init(frame, AC__OP_SENDMSG, finish_writev_all);
    f->op.a.msg.fd = fd;
    f->op.a.msg.flags = 0;
    f->x.vec.iov = iov;
    f->x.vec.cnt = iovcnt < 0 ? 0 : iovcnt;
    f->x.vec.skip = 0;
    f->x.vec.not_socket = not_socket;
    skip_written(f, 0); /* an empty first iovec would look like a write making no progress */
    fill_cur(f);
    ac__io_nothing_if(f, f->x.vec.cnt == 0);
    if (iovcnt < 0)
        f->ret = -EINVAL; /* as writev(2) and ac_writev say, without a call */
}

/* ------------------------------------------------------------------------------------------ */
/* splice                                                                                     */

static void set_splice(struct ac__io_frame *f, int in, long long off_in, int out,
                       long long off_out, size_t len, unsigned flags)
{
    f->op.a.splice.in = in;
    f->op.a.splice.out = out;
    f->op.a.splice.off_in = off_in;
    f->op.a.splice.off_out = off_out;
    f->op.a.splice.len = ac__rw_chunk(len);
    f->op.a.splice.flags = flags;
}

AC__IO_TYPE(ac_splice, long, 0);
AC_EXPORT void ac__init_ac_splice(void *frame, int fd_in, long long off_in, int fd_out,
                                  long long off_out, size_t len, unsigned flags);
void ac__init_ac_splice(void *frame, int fd_in, long long off_in, int fd_out, long long off_out,
                        size_t len, unsigned flags)
{
    struct ac__io_frame *f = ac__io_frame_init(frame, AC__OP_SPLICE, ac__io_finish);
    set_splice(f, fd_in, off_in, fd_out, off_out, len, flags);
    if (off_in < -1 || off_out < -1) /* splice(2) refuses a negative offset */
        ac__io_refuse(f, -EINVAL);
}

/* ------------------------------------------------------------------------------------------ */
/* sendfile                                                                                   */

/* Two ways: DIRECT, sendfile(2) on the polling worker from a file to a socket while
 * cachestat(2) says the pages to send are in the page cache (so the call cannot wait for the
 * disk), the socket made non-blocking for the poll's calls and a POLL op waiting when it is
 * full (per call one fstat(2) of the socket; per poll one fcntl(2), two more for a blocking
 * socket; per chunk cachestat(2) and sendfile(2); the file's fstat(2) only when a range runs
 * past what is cached, as past its end); else
 * THROUGH_PIPE, two splice ops per chunk through a pipe of the call's own (io_uring runs a
 * splice on its worker threads, the epoll backend on the pool when it would block). The direct
 * way makes no pipe, and its sendfile(2) uses the kernel's own per-thread pipe: a 256 KiB file
 * to a socket costs one sendfile(2) instead of a pipe, its resizing, two splices on io_uring's
 * worker threads (two thread wakeups each) and two closes. */
enum { NOT_STARTED, DIRECT, THROUGH_PIPE, FROM_PIPE };

/* The most one sendfile(2) is asked to send, and the most sent directly in one poll: then the
 * call waits for the socket to be writable (at once when it is), giving the worker to others. */
#define DIRECT_CHUNK (4u << 20)
#define DIRECT_PER_POLL (16u << 20)

#ifndef __NR_cachestat
#define __NR_cachestat 451 /* the same on every architecture */
#endif
struct cachestat_range_ {
    unsigned long long off, len;
};
struct cachestat_ {
    unsigned long long nr_cache, nr_dirty, nr_writeback, nr_evicted, nr_recently_evicted;
};

/* Set once cachestat(2) is missing (Linux before 6.5): every sendfile goes through a pipe. */
static atomic_bool no_cachestat;

/* The kernel's page size, which cachestat counts in (4 KiB here, 16 or 64 KiB on some arm64
 * and ppc64 kernels). */
static unsigned long long page_size(void)
{
    static _Atomic long cached;
    long page = atomic_load_explicit(&cached, memory_order_relaxed);
    if (!page) {
        page = sysconf(_SC_PAGESIZE);
        if (page <= 0)
            page = 4096;
        atomic_store_explicit(&cached, page, memory_order_relaxed);
    }
    return (unsigned long long)page;
}

/* Whether every page of fd's [off, off + len) is in the page cache. A range that runs past
 * the end of the file, and any descriptor without pages of its own (a socket, a pipe), is not. */
static bool range_cached(int fd, long long off, size_t len)
{
    if (atomic_load_explicit(&no_cachestat, memory_order_relaxed))
        return false;
    struct cachestat_range_ r = {(unsigned long long)off, len};
    struct cachestat_ cs;
    if (syscall(__NR_cachestat, fd, &r, &cs, 0) < 0) {
        if (errno == ENOSYS)
            atomic_store_explicit(&no_cachestat, true, memory_order_relaxed);
        return false;
    }
    unsigned long long page = page_size(), first = (unsigned long long)off / page;
    unsigned long long end = ((unsigned long long)off + len + page - 1) / page;
    return cs.nr_cache >= end - first;
}

/* The file's size unknown (the direct way looks only when it must: see direct_steps). */
#define SIZE_UNKNOWN ((size_t)-1)

/* Starts the direct way when it applies: to a socket (whatever the input: its pages decide). */
static bool direct_applies(struct ac__io_frame *f)
{
    struct ac__io_sendfile *s = &f->x.sendfile;
    struct stat out;
    if (atomic_load_explicit(&no_cachestat, memory_order_relaxed) || fstat(s->out, &out) < 0 ||
        !S_ISSOCK(out.st_mode))
        return false;
    s->size = SIZE_UNKNOWN;
    return true;
}

/* Looks at the input's size: 0, or -1 when it is no regular file (which goes through a pipe). */
static int learn_size(struct ac__io_sendfile *s)
{
    struct stat st;
    if (fstat(s->in, &st) < 0 || !S_ISREG(st.st_mode))
        return -1;
    s->size = (size_t)st.st_size;
    return 0;
}

enum { STEP_DONE, STEP_WAIT, STEP_PIPE };

static int wait_writable(struct ac__io_frame *f)
{
    f->op.kind = AC__OP_POLL;
    f->op.a.ints.a = f->x.sendfile.out;
    f->op.a.ints.b = POLLOUT;
    return STEP_WAIT;
}

/* How much of the next chunk at off to send directly: > 0, 0 when the file has ended, -1 for
 * the pipe (pages not cached, or no regular file). The size is looked at only when the range
 * asked for is not all cached (it may run past the end) or off has reached the size last seen
 * (the file may have grown): a file sent whole, its pages cached, costs no fstat(2). */
static long long direct_want(struct ac__io_sendfile *s, long long off)
{
    if (s->size != SIZE_UNKNOWN && (unsigned long long)off >= s->size && learn_size(s) < 0)
        return -1;
    size_t want = s->len - s->done;
    if (want > DIRECT_CHUNK)
        want = DIRECT_CHUNK;
    bool knew = s->size != SIZE_UNKNOWN;
    if (knew) {
        if ((unsigned long long)off >= s->size)
            return 0; /* the file ended */
        if (want > s->size - (size_t)off)
            want = s->size - (size_t)off;
    }
    if (range_cached(s->in, off, want))
        return (long long)want;
    if (knew || learn_size(s) < 0)
        return -1;
    if ((unsigned long long)off >= s->size)
        return 0;
    if (want <= s->size - (size_t)off)
        return -1; /* within the file, and not all cached */
    want = s->size - (size_t)off;
    return range_cached(s->in, off, want) ? (long long)want : -1;
}

/* Makes the socket non-blocking for the sendfile(2) calls of one poll (a socket heeds only its
 * own O_NONBLOCK: MSG_DONTWAIT cannot be given to sendfile); returns the flags to restore, -1
 * when there is nothing to restore, or -errno - 2 when they cannot be read. */
static int nonblocking(int fd)
{
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0)
        return -errno - 2;
    if ((flags & O_NONBLOCK) || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0)
        return -1;
    return flags;
}

/* Sends directly while the socket takes it: STEP_DONE with f->ret set (all sent, the file
 * ended, or an error), STEP_WAIT with f->op a POLL for the socket to be writable, or STEP_PIPE
 * for the rest to go through a pipe (pages not cached, or a sendfile(2) that refuses). A
 * blocking socket is non-blocking from the first sendfile(2) of the poll to the end of the
 * poll's last one. */
static int direct_steps(struct ac__io_frame *f)
{
    struct ac__io_sendfile *s = &f->x.sendfile;
    size_t this_poll = 0;
    int restore = -1, step = STEP_DONE, error = 0;
    bool made_nonblocking = false;
    while (s->done < s->len) {
        long long off = s->off_in >= 0 ? s->off_in : lseek(s->in, 0, SEEK_CUR);
        if (off < 0) {
            step = STEP_PIPE;
            break;
        }
        if (this_poll >= DIRECT_PER_POLL) {
            step = wait_writable(f);
            break;
        }
        long long want = direct_want(s, off);
        if (want <= 0) {
            step = want < 0 ? STEP_PIPE : STEP_DONE;
            break;
        }
        if (!made_nonblocking) {
            made_nonblocking = true;
            if ((restore = nonblocking(s->out)) < -1) {
                error = -restore - 2;
                break;
            }
        }
        off_t pos = (off_t)off;
        struct ac__sigpipe_hold hold;
        ac__sigpipe_hold(&hold);
        ssize_t n = sendfile(s->out, s->in, s->off_in >= 0 ? &pos : NULL, (size_t)want);
        int err = errno;
        ac__sigpipe_release(&hold, n < 0 ? -err : n);
        if (n > 0) {
            s->done += (size_t)n;
            this_poll += (size_t)n;
            if (s->off_in >= 0)
                s->off_in += n;
            continue;
        }
        if (n == 0)
            break; /* the file ended (it shrank) */
        if (err == EINTR)
            continue;
        if (err == EAGAIN)
            step = wait_writable(f);
        else if (err == EINVAL || err == ENOSYS || err == EOPNOTSUPP)
            step = STEP_PIPE;
        else
            error = -err;
        break;
    }
    if (restore >= 0)
        fcntl(s->out, F_SETFL, restore);
    if (step == STEP_DONE)
        f->ret = error ? error : (long)s->done;
    return step;
}
/* Through a pipe: the next splice, out of the pipe while it holds bytes, else into it from
 * the file. From a pipe: straight from it to the output. */
static void next_sendfile_splice(struct ac__io_frame *f)
{
    struct ac__io_sendfile *s = &f->x.sendfile;
    f->op.kind = AC__OP_SPLICE;
    if (s->mode == FROM_PIPE) {
        size_t want = s->len - s->done < (1u << 30) ? s->len - s->done : (1u << 30);
        set_splice(f, s->in, -1, s->out, -1, want, SPLICE_F_MOVE);
        return;
    }
    if (s->pending) {
        set_splice(f, s->pipe[0], -1, s->out, -1, s->pending, SPLICE_F_MOVE);
        return;
    }
    size_t want = s->len - s->done < s->cap ? s->len - s->done : s->cap;
    set_splice(f, s->in, s->off_in, s->pipe[1], -1, want, SPLICE_F_MOVE);
}

/* Goes on through a pipe of its own; -errno when it cannot be made. The pipe is non-blocking,
 * so that the epoll backend need not make it so for each splice (a splice never waits on it:
 * it is empty when filled and holds the bytes when drained). */
static int start_pipe(struct ac__io_frame *f)
{
    struct ac__io_sendfile *s = &f->x.sendfile;
    /* The input's kind decides: bytes taken from a pipe into ours and not sent when the call
     * is dropped could not be given back, so a pipe's go straight to the output (one splice,
     * nothing held); what is neither a file nor a pipe (a socket) is refused, as sendfile(2)
     * refuses it. */
    struct stat st;
    if (fstat(s->in, &st) < 0)
        return -errno;
    if (S_ISFIFO(st.st_mode)) {
        if (s->off_in != -1)
            return -ESPIPE;
        s->mode = FROM_PIPE;
        next_sendfile_splice(f);
        return 0;
    }
    if (!S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode))
        return -EINVAL;
    s->mode = THROUGH_PIPE;
    s->pending = 0;
    if (pipe2(s->pipe, O_CLOEXEC | O_NONBLOCK) < 0) {
        s->pipe[0] = s->pipe[1] = -1;
        return -errno;
    }
    ac__fd_out_of_reach(&s->pipe[0]); /* F_DUPFD_CLOEXEC keeps O_NONBLOCK: a file status flag */
    ac__fd_out_of_reach(&s->pipe[1]);
    /* A larger pipe moves more per pair of splices; the default (64 KiB) is fine too. */
    int cap = fcntl(s->pipe[1], F_SETPIPE_SZ, 1 << 20);
    if (cap < 0)
        cap = fcntl(s->pipe[1], F_GETPIPE_SZ);
    s->cap = cap > 0 ? (unsigned)cap : 65536u;
    next_sendfile_splice(f);
    return 0;
}

/* After a direct step: 1 with f->ret set when finished, 0 with f->op to submit. */
static int after_direct(struct ac__io_frame *f, int step)
{
    if (step == STEP_DONE)
        return 1;
    if (step == STEP_PIPE) {
        int r = start_pipe(f);
        if (r < 0) {
            f->ret = r;
            return 1;
        }
    }
    return 0;
}

static int finish_sendfile(struct ac__io_frame *f, int res)
{
    struct ac__io_sendfile *s = &f->x.sendfile;
    if (res == -EINTR || res == -EAGAIN)
        return 0;
    if (s->mode == DIRECT) {
        /* The socket is writable, or has an error that sendfile(2) reports. */
        if (res < 0) {
            f->ret = res;
            return 1;
        }
        return after_direct(f, direct_steps(f));
    }
    if (s->mode == FROM_PIPE) {
        s->done += res > 0 ? (size_t)res : 0;
        if (res > 0 && s->done < s->len) {
            next_sendfile_splice(f);
            return 0;
        }
        f->ret = res < 0 ? res : (long)s->done; /* all sent, or the writers closed the pipe */
        return 1;
    }
    if (res < 0 || (res == 0 && s->pending)) {
        f->ret = res < 0 ? res : -EIO;
        return 1;
    }
    if (s->pending) {
        s->pending -= (size_t)res;
        s->done += (size_t)res;
    } else if (res > 0) {
        s->pending = (size_t)res;
        if (s->off_in >= 0)
            s->off_in += res;
    }
    if (s->pending || (res > 0 && s->done < s->len)) {
        next_sendfile_splice(f);
        return 0;
    }
    f->ret = (long)s->done; /* all sent, or the file ended */
    return 1;
}

static void close_pipe(struct ac__io_frame *f)
{
    if (f->x.sendfile.pipe[0] >= 0) {
        close(f->x.sendfile.pipe[0]);
        close(f->x.sendfile.pipe[1]);
        f->x.sendfile.pipe[0] = f->x.sendfile.pipe[1] = -1;
    }
}

/* The way is chosen at the first poll, so a future that is never polled holds no descriptor. */
static int sendfile_poll(void *frame, ac_cx *cx)
{
    struct ac__io_frame *f = frame;
    struct ac__io_sendfile *s = &f->x.sendfile;
    if (s->mode == NOT_STARTED && f->state != AC__IO_AT_ONCE) {
        if (!ac__coop_check(cx)) /* nothing to send completes it at once */
            return AC_PENDING;
        int done = 1;
        if (s->len == 0) {
            f->ret = 0;
        } else if (direct_applies(f)) {
            s->mode = DIRECT;
            done = after_direct(f, direct_steps(f));
        } else {
            done = after_direct(f, STEP_PIPE);
        }
        if (done) {
            ac__coop_charge(cx);
            f->state = AC_STATE_DONE;
            close_pipe(f);
            return AC_READY;
        }
    }
    int r = ac__io_poll(frame, cx);
    if (r == AC_READY)
        close_pipe(f);
    return r;
}

/* Dropped through the pipe while sending from the file position: the bytes the file gave the
 * pipe that the pipe did not pass on (last: the result of the splice in flight, which took
 * them from the file when the pipe was empty, else sent some) go back, the position moved back
 * over them, so that it has advanced by what was sent, as sendfile(2)'s does, and a send
 * started again from it leaves no gap. */
static void unread_unsent(struct ac__io_sendfile *s, int last)
{
    if (s->mode != THROUGH_PIPE || s->off_in != -1)
        return;
    size_t unsent = s->pending;
    if (last > 0)
        unsent = s->pending ? unsent - (size_t)last : (size_t)last;
    if (unsent)
        lseek(s->in, -(off_t)unsent, SEEK_CUR);
}

static void sendfile_drop(void *frame, ac_cx *cx)
{
    struct ac__io_frame *f = frame;
    bool in_flight = f->state == 1;
    ac__io_drop(frame, cx);
    unread_unsent(&f->x.sendfile, in_flight ? f->op.res : 0);
    close_pipe(frame);
}

AC__LEAF_TYPE_SIZED(ac_sendfile, struct ac__io_frame,
                    AC__IO_FRAME_SIZE(sizeof(((struct ac__io_frame *)0)->x.sendfile)),
                    offsetof(struct ac__io_frame, ret), sizeof(long), sendfile_poll,
                    sendfile_drop, "I/O sendfile");
AC_EXPORT void ac__init_ac_sendfile(void *frame, int out_fd, int in_fd, long long offset,
                                    size_t count);
void ac__init_ac_sendfile(void *frame, int out_fd, int in_fd, long long offset, size_t count)
{
    struct ac__io_frame *f = ac__io_frame_init(frame, AC__OP_SPLICE, finish_sendfile);
    struct ac__io_sendfile *s = &f->x.sendfile;
    s->in = in_fd;
    s->out = out_fd;
    s->off_in = offset;
    s->len = count;
    s->done = s->pending = 0;
    s->pipe[0] = s->pipe[1] = -1;
    s->mode = NOT_STARTED;
    if (offset < -1) /* not the file position: sendfile(2) refuses a negative offset */
        ac__io_refuse(f, -EINVAL);
}
