/* runtime/io_transfer.c: bulk transfers of asyncc/transfer.h: send_all and writev_all (looping
 * io ops), readv/writev, splice, and sendfile as two splices per chunk through its own pipe. */
#define _GNU_SOURCE /* pipe2, SPLICE_F_MOVE */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "asyncc/transfer.h"
#include "io_op.h"

/* The largest transfer one op asks for, as read(2) caps it. */
static unsigned chunk(size_t len)
{
    return len > 0x7ffff000u ? 0x7ffff000u : (unsigned)len;
}

/* ------------------------------------------------------------------------------------------ */
/* send_all                                                                                   */

static void prep_send(struct io_uring_sqe *sqe, struct ac__io_frame *f)
{
    size_t at = f->u.rw.done;
    io_uring_prep_send(sqe, f->u.rw.fd, f->u.rw.buf + at, chunk(f->u.rw.len - at),
                       f->u.rw.flags | MSG_NOSIGNAL);
}

/* A looping transfer's step: 1 with f->ret set when finished, 0 to go on. */
static int finish_step(struct ac__io_frame *f, int res, size_t *done, size_t len)
{
    if (res == -EINTR || res == -EAGAIN)
        return 0;
    if (res <= 0) {
        f->ret = res < 0 ? res : -EIO; /* no progress would loop forever */
        return 1;
    }
    *done += (size_t)res;
    if (*done < len)
        return 0;
    f->ret = (long)*done;
    return 1;
}

static int finish_send(struct ac__io_frame *f, int res)
{
    if (f->u.rw.len == 0)
        return ac__io_finish(f, 0);
    return finish_step(f, res, &f->u.rw.done, f->u.rw.len);
}

static const struct ac__io_desc send_all_desc = {prep_send, finish_send};

AC__IO_TYPE(ac_send_all, send_all_desc, long, rw);
AC_EXPORT void ac__init_ac_send_all(void *frame, int fd, const void *buf, size_t len, int flags);
void ac__init_ac_send_all(void *frame, int fd, const void *buf, size_t len, int flags)
{
    struct ac__io_frame *f = ac__io_frame_init(frame, &send_all_desc);
    f->u.rw.fd = fd;
    f->u.rw.buf = (char *)buf;
    f->u.rw.len = len;
    f->u.rw.done = 0;
    f->u.rw.flags = flags;
}

/* ------------------------------------------------------------------------------------------ */
/* readv, writev, writev_all                                                                  */

/* Copies the next iovecs (at most 8) to the frame, the first one past what was written. */
static unsigned fill_cur(struct ac__io_frame *f)
{
    unsigned n = f->u.vec.cnt < 8 ? (unsigned)f->u.vec.cnt : 8;
    memcpy(f->u.vec.cur, f->u.vec.iov, n * sizeof(struct iovec));
    f->u.vec.cur[0].iov_base = (char *)f->u.vec.cur[0].iov_base + f->u.vec.skip;
    f->u.vec.cur[0].iov_len -= f->u.vec.skip;
    return n;
}

static void prep_readv(struct io_uring_sqe *sqe, struct ac__io_frame *f)
{
    io_uring_prep_readv(sqe, f->u.vec.fd, f->u.vec.iov, (unsigned)f->u.vec.cnt, (uint64_t)-1);
}

static void prep_writev(struct io_uring_sqe *sqe, struct ac__io_frame *f)
{
    io_uring_prep_writev(sqe, f->u.vec.fd, f->u.vec.iov, (unsigned)f->u.vec.cnt, (uint64_t)-1);
}

static void prep_writev_all(struct io_uring_sqe *sqe, struct ac__io_frame *f)
{
    unsigned n = fill_cur(f);
    if (f->u.vec.not_socket) {
        io_uring_prep_writev(sqe, f->u.vec.fd, f->u.vec.cur, n, (uint64_t)-1);
        return;
    }
    memset(&f->u.vec.hdr, 0, sizeof f->u.vec.hdr);
    f->u.vec.hdr.msg_iov = f->u.vec.cur;
    f->u.vec.hdr.msg_iovlen = n;
    io_uring_prep_sendmsg(sqe, f->u.vec.fd, &f->u.vec.hdr, MSG_NOSIGNAL);
}

static int finish_readv(struct ac__io_frame *f, int res)
{
    size_t left = res > 0 ? (size_t)res : 0;
    for (int i = 0; i < f->u.vec.cnt && left; i++) {
        size_t n = f->u.vec.iov[i].iov_len < left ? f->u.vec.iov[i].iov_len : left;
        AC__KERNEL_WROTE(f->u.vec.iov[i].iov_base, n);
        left -= n;
    }
    return ac__io_finish(f, res);
}

/* Steps past wrote bytes of the caller's iovecs: whole ones (empty ones too), then part of one. */
static void skip_written(struct ac__io_frame *f, size_t wrote)
{
    while (f->u.vec.cnt && wrote >= f->u.vec.iov[0].iov_len - f->u.vec.skip) {
        wrote -= f->u.vec.iov[0].iov_len - f->u.vec.skip;
        f->u.vec.skip = 0;
        f->u.vec.iov++;
        f->u.vec.cnt--;
    }
    f->u.vec.skip += wrote;
}

static int finish_writev_all(struct ac__io_frame *f, int res)
{
    if (res == -ENOTSOCK && !f->u.vec.not_socket) {
        f->u.vec.not_socket = true;
        return 0;
    }
    if (res == -EINTR || res == -EAGAIN)
        return 0;
    if (res < 0 || (res == 0 && f->u.vec.cnt)) {
        f->ret = res < 0 ? res : -EIO; /* no progress would loop forever */
        return 1;
    }
    f->u.vec.done += (size_t)res;
    skip_written(f, (size_t)res);
    if (f->u.vec.cnt)
        return 0;
    f->ret = (long)f->u.vec.done;
    return 1;
}

static const struct ac__io_desc readv_desc = {prep_readv, finish_readv};
static const struct ac__io_desc writev_desc = {prep_writev, ac__io_finish};
static const struct ac__io_desc writev_all_desc = {prep_writev_all, finish_writev_all};

static void init_vec(void *frame, const struct ac__io_desc *desc, int fd,
                     const struct iovec *iov, int iovcnt)
{
    struct ac__io_frame *f = ac__io_frame_init(frame, desc);
    f->u.vec.fd = fd;
    f->u.vec.iov = iov;
    f->u.vec.cnt = iovcnt;
    f->u.vec.skip = f->u.vec.done = 0;
    f->u.vec.not_socket = false;
}

AC__IO_TYPE(ac_readv, readv_desc, long, vec);
AC_EXPORT void ac__init_ac_readv(void *frame, int fd, const struct iovec *iov, int iovcnt);
void ac__init_ac_readv(void *frame, int fd, const struct iovec *iov, int iovcnt)
{
    init_vec(frame, &readv_desc, fd, iov, iovcnt);
}

AC__IO_TYPE(ac_writev, writev_desc, long, vec);
AC_EXPORT void ac__init_ac_writev(void *frame, int fd, const struct iovec *iov, int iovcnt);
void ac__init_ac_writev(void *frame, int fd, const struct iovec *iov, int iovcnt)
{
    init_vec(frame, &writev_desc, fd, iov, iovcnt);
}

AC__IO_TYPE(ac_writev_all, writev_all_desc, long, vec);
AC_EXPORT void ac__init_ac_writev_all(void *frame, int fd, const struct iovec *iov, int iovcnt);
void ac__init_ac_writev_all(void *frame, int fd, const struct iovec *iov, int iovcnt)
{
    init_vec(frame, &writev_all_desc, fd, iov, iovcnt < 0 ? 0 : iovcnt);
    skip_written(frame, 0); /* an empty first iovec would look like a write making no progress */
}

/* ------------------------------------------------------------------------------------------ */
/* splice                                                                                     */

static void prep_splice(struct io_uring_sqe *sqe, struct ac__io_frame *f)
{
    io_uring_prep_splice(sqe, f->u.splice.in, f->u.splice.off_in, f->u.splice.out,
                         f->u.splice.off_out, chunk(f->u.splice.len), f->u.splice.flags);
}

static const struct ac__io_desc splice_desc = {prep_splice, ac__io_finish};

static struct ac__io_frame *init_splice(void *frame, const struct ac__io_desc *desc, int in,
                                        long long off_in, int out, long long off_out, size_t len)
{
    struct ac__io_frame *f = ac__io_frame_init(frame, desc);
    f->u.splice.in = in;
    f->u.splice.out = out;
    f->u.splice.off_in = off_in;
    f->u.splice.off_out = off_out;
    f->u.splice.len = len;
    f->u.splice.done = f->u.splice.pending = 0;
    f->u.splice.pipe[0] = f->u.splice.pipe[1] = -1;
    return f;
}

AC__IO_TYPE(ac_splice, splice_desc, long, splice);
AC_EXPORT void ac__init_ac_splice(void *frame, int fd_in, long long off_in, int fd_out,
                                  long long off_out, size_t len, unsigned flags);
void ac__init_ac_splice(void *frame, int fd_in, long long off_in, int fd_out, long long off_out,
                        size_t len, unsigned flags)
{
    init_splice(frame, &splice_desc, fd_in, off_in, fd_out, off_out, len)->u.splice.flags = flags;
}

/* ------------------------------------------------------------------------------------------ */
/* sendfile: fill the pipe from the file, drain it into out_fd, until count bytes or the end  */

static void prep_sendfile(struct io_uring_sqe *sqe, struct ac__io_frame *f)
{
    typeof(f->u.splice) *s = &f->u.splice;
    if (s->pending) {
        io_uring_prep_splice(sqe, s->pipe[0], -1, s->out, -1, (unsigned)s->pending, SPLICE_F_MOVE);
        return;
    }
    size_t want = s->len - s->done < s->cap ? s->len - s->done : s->cap;
    io_uring_prep_splice(sqe, s->in, s->off_in, s->pipe[1], -1, (unsigned)want, SPLICE_F_MOVE);
}

static int finish_sendfile(struct ac__io_frame *f, int res)
{
    typeof(f->u.splice) *s = &f->u.splice;
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
    if (s->pending || (res > 0 && s->done < s->len))
        return 0;
    f->ret = (long)s->done; /* all sent, or the file ended */
    return 1;
}

static const struct ac__io_desc sendfile_desc = {prep_sendfile, finish_sendfile};

static void close_pipe(struct ac__io_frame *f)
{
    if (f->u.splice.pipe[0] >= 0) {
        close(f->u.splice.pipe[0]);
        close(f->u.splice.pipe[1]);
        f->u.splice.pipe[0] = f->u.splice.pipe[1] = -1;
    }
}

/* The pipe is made at the first poll, so a future that is never polled holds no descriptor. */
static int sendfile_poll(void *frame, ac_cx *cx)
{
    struct ac__io_frame *f = frame;
    if (f->state == 0 && f->u.splice.pipe[0] < 0) {
        if (f->u.splice.len == 0 || pipe2(f->u.splice.pipe, O_CLOEXEC) < 0) {
            f->ret = f->u.splice.len ? -errno : 0;
            f->state = AC_STATE_DONE;
            return AC_READY;
        }
        /* A larger pipe moves more per pair of splices; the default (64 KiB) is fine too. */
        int cap = fcntl(f->u.splice.pipe[1], F_SETPIPE_SZ, 1 << 20);
        if (cap < 0)
            cap = fcntl(f->u.splice.pipe[1], F_GETPIPE_SZ);
        f->u.splice.cap = cap > 0 ? (unsigned)cap : 65536u;
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

AC__LEAF_TYPE_SIZED(ac_sendfile, struct ac__io_frame, AC__IO_FRAME_SIZE(splice),
                    offsetof(struct ac__io_frame, ret), sizeof(long), sendfile_poll,
                    sendfile_drop, "io_uring sendfile");
AC_EXPORT void ac__init_ac_sendfile(void *frame, int out_fd, int in_fd, long long offset,
                                    size_t count);
void ac__init_ac_sendfile(void *frame, int out_fd, int in_fd, long long offset, size_t count)
{
    init_splice(frame, &sendfile_desc, in_fd, offset, out_fd, -1, count);
}
