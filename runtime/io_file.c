/* runtime/io_file.c: the file operations of asyncc/io.h (open, close, read, write, pread,
 * pwrite, fsync, stat, read_exact, write_all), each an op of the backend and how its result is
 * read; and the epoll backend's open and stat of a cached path on the worker. */
#define _GNU_SOURCE /* O_PATH, O_TMPFILE */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "asyncc/io.h"
#include "backend.h"
#include "io_op.h"
#include "task.h"

/* ------------------------------------------------------------------------------------------ */
/* Results                                                                                    */

/* Looping transfers: keep going after a short count until len bytes or end of file; f->ret
 * counts the bytes done, and the op's arguments advance past them. */
static int finish_loop(struct ac__io_frame *f, int res, bool stop_at_eof)
{
    if (res == -EINTR || res == -EAGAIN)
        return 0;
    if (res < 0) {
        f->ret = res;
        return 1;
    }
    f->ret += res;
    f->op.a.rw.buf = (char *)f->op.a.rw.buf + res;
    f->op.a.rw.len -= (size_t)res;
    if (f->op.a.rw.offset >= 0)
        f->op.a.rw.offset += res;
    if (f->op.a.rw.len == 0 || (res == 0 && stop_at_eof))
        return 1;
    if (res == 0) { /* a write that makes no progress would loop forever */
        f->ret = -EIO;
        return 1;
    }
    return 0;
}

static int finish_read_loop(struct ac__io_frame *f, int res)
{
    if (res > 0)
        AC__KERNEL_WROTE(f->op.a.rw.buf, (size_t)res);
    return finish_loop(f, res, true);
}

static int finish_write_loop(struct ac__io_frame *f, int res)
{
    return finish_loop(f, res, false);
}

static int finish_stat(struct ac__io_frame *f, int res)
{
    f->ret = res;
    if (res < 0)
        return 1;
    AC__KERNEL_WROTE(&f->x.stat.stx, sizeof f->x.stat.stx);
    const struct statx *x = &f->x.stat.stx;
    struct stat *st = f->x.stat.out;
    memset(st, 0, sizeof *st);
    st->st_dev = makedev(x->stx_dev_major, x->stx_dev_minor);
    st->st_ino = x->stx_ino;
    st->st_mode = x->stx_mode;
    st->st_nlink = x->stx_nlink;
    st->st_uid = x->stx_uid;
    st->st_gid = x->stx_gid;
    st->st_rdev = makedev(x->stx_rdev_major, x->stx_rdev_minor);
    st->st_size = (off_t)x->stx_size;
    st->st_blksize = (blksize_t)x->stx_blksize;
    st->st_blocks = (blkcnt_t)x->stx_blocks;
    st->st_atim.tv_sec = x->stx_atime.tv_sec;
    st->st_atim.tv_nsec = x->stx_atime.tv_nsec;
    st->st_mtim.tv_sec = x->stx_mtime.tv_sec;
    st->st_mtim.tv_nsec = x->stx_mtime.tv_nsec;
    st->st_ctim.tv_sec = x->stx_ctime.tv_sec;
    st->st_ctim.tv_nsec = x->stx_ctime.tv_nsec;
    return 1;
}

/* ------------------------------------------------------------------------------------------ */
/* The async functions                                                                        */

static void init_rw(void *frame, enum ac__op_kind kind, ac__io_finish_fn *finish, int fd,
                    const void *buf, size_t len, long long offset)
{
    struct ac__io_frame *f = ac__io_frame_init(frame, kind, finish);
    f->op.a.rw.fd = fd;
    f->op.a.rw.flags = 0;
    f->op.a.rw.buf = (void *)buf;
    f->op.a.rw.len = len;
    f->op.a.rw.offset = offset;
}

static void init_fd(void *frame, enum ac__op_kind kind, int fd)
{
    struct ac__io_frame *f = ac__io_frame_init(frame, kind, ac__io_finish);
    f->op.a.ints.a = fd;
}

AC__IO_TYPE(ac_read, long, 0);
AC_EXPORT void ac__init_ac_read(void *frame, int fd, void *buf, size_t len);
void ac__init_ac_read(void *frame, int fd, void *buf, size_t len)
{
    init_rw(frame, AC__OP_READ, ac__io_finish_read, fd, buf, len, -1);
}

/* How to write to fd: as a send with MSG_NOSIGNAL when it is a socket and SIGPIPE is not
 * ignored, so that a peer hanging up gives -EPIPE and no signal. */
static enum ac__op_kind write_kind(int fd)
{
    return ac__send_quietly(fd) ? AC__OP_SEND : AC__OP_WRITE;
}

AC__IO_TYPE(ac_write, long, 0);
AC_EXPORT void ac__init_ac_write(void *frame, int fd, const void *buf, size_t len);
void ac__init_ac_write(void *frame, int fd, const void *buf, size_t len)
{
    init_rw(frame, write_kind(fd), ac__io_finish, fd, buf, len, -1);
}

AC__IO_TYPE(ac_pread, long, 0);
AC_EXPORT void ac__init_ac_pread(void *frame, int fd, void *buf, size_t len, long long offset);
void ac__init_ac_pread(void *frame, int fd, void *buf, size_t len, long long offset)
{
    init_rw(frame, AC__OP_READ, ac__io_finish_read, fd, buf, len, offset);
    if (offset < 0) /* pread(2)'s answer; -1 here would mean the file position */
        ac__io_refuse(frame, -EINVAL);
}

AC__IO_TYPE(ac_pwrite, long, 0);
AC_EXPORT void ac__init_ac_pwrite(void *frame, int fd, const void *buf, size_t len,
                                  long long offset);
void ac__init_ac_pwrite(void *frame, int fd, const void *buf, size_t len, long long offset)
{
    init_rw(frame, AC__OP_WRITE, ac__io_finish, fd, buf, len, offset);
    if (offset < 0)
        ac__io_refuse(frame, -EINVAL);
}

AC__IO_TYPE(ac_read_exact, long, 0);
AC_EXPORT void ac__init_ac_read_exact(void *frame, int fd, void *buf, size_t len);
void ac__init_ac_read_exact(void *frame, int fd, void *buf, size_t len)
{
    init_rw(frame, AC__OP_READ, finish_read_loop, fd, buf, len, -1);
    ac__io_nothing_if(frame, len == 0);
}

AC__IO_TYPE(ac_write_all, long, 0);
AC_EXPORT void ac__init_ac_write_all(void *frame, int fd, const void *buf, size_t len);
void ac__init_ac_write_all(void *frame, int fd, const void *buf, size_t len)
{
    init_rw(frame, write_kind(fd), finish_write_loop, fd, buf, len, -1);
    ac__io_nothing_if(frame, len == 0);
}

/* The descriptor is a new file: a socket of the runtime closed with close(2) may have left its
 * number owned on the epoll backend, with a registration no wait on this file may trust. */
static int finish_open(struct ac__io_frame *f, int res)
{
    ac__ep_fd_fresh(res);
    return ac__io_finish(f, res);
}

AC__IO_TYPE(ac_open, int, 0);
AC_EXPORT void ac__init_ac_open(void *frame, const char *path, int flags, unsigned mode);
void ac__init_ac_open(void *frame, const char *path, int flags, unsigned mode)
{
    struct ac__io_frame *f = ac__io_frame_init(frame, AC__OP_OPEN, finish_open);
    f->op.a.path.path = path;
    f->op.a.path.flags = flags;
    f->op.a.path.mode = mode;
}

int ac__open_nowait(const struct ac__op *op)
{
    int flags = op->a.path.flags | O_CLOEXEC;
    /* openat2 never creates or truncates from the cache alone; O_ASYNC set by open does not
     * do what the F_SETFL below would make of it. */
    if (flags & (O_CREAT | O_TRUNC | (O_TMPFILE & ~O_DIRECTORY) | O_ASYNC))
        return -EAGAIN;
    if (flags & O_PATH) /* no open of the file itself: nothing that can wait */
        return ac__open_cached(op->a.path.path, flags);
    /* O_NONBLOCK keeps the open from waiting (for the other end of a FIFO, a device, a lease
     * held on the file); where it changes the answer (-EAGAIN, -ENXIO) the pool opens it. */
    int fd = ac__open_cached(op->a.path.path, flags | O_NONBLOCK);
    if (fd < 0)
        return fd == -ENXIO ? -EAGAIN : fd;
    struct stat st;
    if (fstat(fd, &st) == 0 && (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)) &&
        ((flags & O_NONBLOCK) || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) == 0))
        return fd;
    /* Anything else is opened by the pool as if this open never happened. */
    close(fd);
    return -EAGAIN;
}

AC__IO_TYPE(ac_close, int, 0);
AC_EXPORT void ac__init_ac_close(void *frame, int fd);
void ac__init_ac_close(void *frame, int fd)
{
    ac__keep_forget(fd);
    init_fd(frame, AC__OP_CLOSE, fd);
}

AC__IO_TYPE(ac_fsync, int, 0);
AC_EXPORT void ac__init_ac_fsync(void *frame, int fd);
void ac__init_ac_fsync(void *frame, int fd)
{
    init_fd(frame, AC__OP_FSYNC, fd);
}

AC__IO_TYPE(ac_stat, int, sizeof(((struct ac__io_frame *)0)->x.stat));
AC_EXPORT void ac__init_ac_stat(void *frame, const char *path, struct stat *st);
void ac__init_ac_stat(void *frame, const char *path, struct stat *st)
{
    struct ac__io_frame *f = ac__io_frame_init(frame, AC__OP_STATX, finish_stat);
    f->op.a.statx.path = path;
    f->op.a.statx.out = &f->x.stat.stx;
    f->x.stat.out = st;
}

int ac__stat_nowait(const struct ac__op *op)
{
    /* An O_PATH open reads nothing of the file: with the lookup cached, nothing here waits. */
    int fd = ac__open_cached(op->a.statx.path, O_PATH | O_CLOEXEC);
    if (fd < 0)
        return fd;
    int r = statx(fd, "", AT_EMPTY_PATH, STATX_BASIC_STATS, op->a.statx.out) == 0 ? 0 : -errno;
    close(fd);
    return r;
}
