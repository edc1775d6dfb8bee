/* runtime/io_transfer.c: bulk transfers of asyncc/transfer.h: send_all and writev_all (looping
 * io ops), readv/writev, splice, and sendfile as two splices per chunk through its own pipe. */
#define _GNU_SOURCE /* pipe2, SPLICE_F_MOVE */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "asyncc/transfer.h"
#include "io_op.h"
#include "task.h"

/* The largest transfer one op asks for, as read(2) caps it. */
static unsigned chunk(size_t len)
{
    return len > 0x7ffff000u ? 0x7ffff000u : (unsigned)len;
}

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
    if (left == 0)
        return ac__io_finish(f, 0);
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
}

/* ------------------------------------------------------------------------------------------ */
/* readv, writev, writev_all                                                                  */

/* Copies the next iovecs (at most 8) to the frame, the first one past what was written, and
 * points the op at them. */
static void fill_cur(struct ac__io_frame *f)
{
    typeof(f->x.vec) *v = &f->x.vec;
    unsigned n = v->cnt < 8 ? (unsigned)v->cnt : 8;
    memcpy(v->cur, v->iov, n * sizeof(struct iovec));
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

AC__IO_TYPE(ac_writev, long, 0);
AC_EXPORT void ac__init_ac_writev(void *frame, int fd, const struct iovec *iov, int iovcnt);
void ac__init_ac_writev(void *frame, int fd, const struct iovec *iov, int iovcnt)
{
    init_vec(frame, AC__OP_WRITEV, ac__io_finish, fd, iov, iovcnt);
}

AC__IO_TYPE(ac_writev_all, long, sizeof(((struct ac__io_frame *)0)->x.vec));
AC_EXPORT void ac__init_ac_writev_all(void *frame, int fd, const struct iovec *iov, int iovcnt);
void ac__init_ac_writev_all(void *frame, int fd, const struct iovec *iov, int iovcnt)
{
    struct ac__io_frame *f = ac__io_frame_init(frame, AC__OP_SENDMSG, finish_writev_all);
    f->op.a.msg.fd = fd;
    f->op.a.msg.flags = 0;
    f->x.vec.iov = iov;
    f->x.vec.cnt = iovcnt < 0 ? 0 : iovcnt;
    f->x.vec.skip = 0;
    f->x.vec.not_socket = false;
    skip_written(f, 0); /* an empty first iovec would look like a write making no progress */
    fill_cur(f);
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
    f->op.a.splice.len = chunk(len);
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
}

/* ------------------------------------------------------------------------------------------ */
/* sendfile: fill the pipe from the file, drain it into out_fd, until count bytes or the end  */

/* The next splice: out of the pipe while it holds bytes, else into it from the file. */
static void next_sendfile_splice(struct ac__io_frame *f)
{
    typeof(f->x.sendfile) *s = &f->x.sendfile;
    if (s->pending) {
        set_splice(f, s->pipe[0], -1, s->out, -1, s->pending, SPLICE_F_MOVE);
        return;
    }
    size_t want = s->len - s->done < s->cap ? s->len - s->done : s->cap;
    set_splice(f, s->in, s->off_in, s->pipe[1], -1, want, SPLICE_F_MOVE);
}

static int finish_sendfile(struct ac__io_frame *f, int res)
{
    typeof(f->x.sendfile) *s = &f->x.sendfile;
    if (res == -EINTR || res == -EAGAIN)
        return 0;
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

/* The pipe is made at the first poll, so a future that is never polled holds no descriptor. */
static int sendfile_poll(void *frame, ac_cx *cx)
{
    struct ac__io_frame *f = frame;
    typeof(f->x.sendfile) *s = &f->x.sendfile;
    if (f->state == 0 && s->pipe[0] < 0) {
        if (!ac__coop_check(cx)) /* nothing to send completes it at once */
            return AC_PENDING;
        if (s->len == 0 || pipe2(s->pipe, O_CLOEXEC) < 0) {
            ac__coop_charge(cx);
            f->ret = s->len ? -errno : 0;
            f->state = AC_STATE_DONE;
            return AC_READY;
        }
        /* A larger pipe moves more per pair of splices; the default (64 KiB) is fine too. */
        int cap = fcntl(s->pipe[1], F_SETPIPE_SZ, 1 << 20);
        if (cap < 0)
            cap = fcntl(s->pipe[1], F_GETPIPE_SZ);
        s->cap = cap > 0 ? (unsigned)cap : 65536u;
        next_sendfile_splice(f);
    }
    int r = ac__io_poll(frame, cx);
    if (r == AC_READY)
        close_pipe(f);
    return r;
}

static void sendfile_drop(void *frame, ac_cx *cx)
{
    ac__io_drop(frame, cx);
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
    typeof(f->x.sendfile) *s = &f->x.sendfile;
    s->in = in_fd;
    s->out = out_fd;
    s->off_in = offset;
    s->len = count;
    s->done = s->pending = 0;
    s->pipe[0] = s->pipe[1] = -1;
}
