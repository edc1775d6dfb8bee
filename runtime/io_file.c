/* runtime/io_file.c: the file operations of asyncc/io.h (open, close, read, write, pread,
 * pwrite, fsync, stat, read_exact, write_all), each an ac__io_frame with its own description. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/sysmacros.h>

#include "asyncc/io.h"
#include "io_op.h"

/* ------------------------------------------------------------------------------------------ */
/* Results                                                                                    */

/* Looping transfers: keep going after a short count until len bytes or end of file. */
static int finish_loop(struct ac__io_frame *f, int res, bool stop_at_eof)
{
    if (res == -EINTR || res == -EAGAIN)
        return 0;
    if (res < 0) {
        f->ret = res;
        return 1;
    }
    f->u.rw.done += (size_t)res;
    if (f->u.rw.offset >= 0)
        f->u.rw.offset += res;
    if (f->u.rw.done == f->u.rw.len || (res == 0 && stop_at_eof)) {
        f->ret = (long)f->u.rw.done;
        return 1;
    }
    if (res == 0) { /* a write that makes no progress would loop forever */
        f->ret = -EIO;
        return 1;
    }
    return 0;
}

static int finish_read_loop(struct ac__io_frame *f, int res)
{
    if (res > 0)
        AC__KERNEL_WROTE(f->u.rw.buf + f->u.rw.done, (size_t)res);
    return finish_loop(f, res, true);
}

static int finish_write_loop(struct ac__io_frame *f, int res)
{
    return finish_loop(f, res, false);
}

/* ------------------------------------------------------------------------------------------ */
/* Preparing                                                                                  */

static unsigned chunk(size_t len)
{
    return len > 0x7ffff000u ? 0x7ffff000u : (unsigned)len;
}

static void prep_read(struct io_uring_sqe *sqe, struct ac__io_frame *f)
{
    size_t at = f->u.rw.done;
    io_uring_prep_read(sqe, f->u.rw.fd, f->u.rw.buf + at, chunk(f->u.rw.len - at),
                       (uint64_t)f->u.rw.offset);
}

static void prep_write(struct io_uring_sqe *sqe, struct ac__io_frame *f)
{
    size_t at = f->u.rw.done;
    io_uring_prep_write(sqe, f->u.rw.fd, f->u.rw.buf + at, chunk(f->u.rw.len - at),
                        (uint64_t)f->u.rw.offset);
}

static void prep_open(struct io_uring_sqe *sqe, struct ac__io_frame *f)
{
    io_uring_prep_openat(sqe, AT_FDCWD, f->u.path.path, f->u.path.flags | O_CLOEXEC,
                         f->u.path.mode);
}

static void prep_close(struct io_uring_sqe *sqe, struct ac__io_frame *f)
{
    io_uring_prep_close(sqe, f->u.rw.fd);
}

static void prep_fsync(struct io_uring_sqe *sqe, struct ac__io_frame *f)
{
    io_uring_prep_fsync(sqe, f->u.rw.fd, 0);
}

static void prep_stat(struct io_uring_sqe *sqe, struct ac__io_frame *f)
{
    io_uring_prep_statx(sqe, AT_FDCWD, f->u.stat.path, 0, STATX_BASIC_STATS, &f->u.stat.stx);
}

static int finish_stat(struct ac__io_frame *f, int res)
{
    f->ret = res;
    if (res < 0)
        return 1;
    AC__KERNEL_WROTE(&f->u.stat.stx, sizeof f->u.stat.stx);
    const struct statx *x = &f->u.stat.stx;
    struct stat *st = f->u.stat.out;
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

static const struct ac__io_desc read_desc = {prep_read, ac__io_finish_read};
static const struct ac__io_desc write_desc = {prep_write, ac__io_finish};
static const struct ac__io_desc read_exact_desc = {prep_read, finish_read_loop};
static const struct ac__io_desc write_all_desc = {prep_write, finish_write_loop};
static const struct ac__io_desc open_desc = {prep_open, ac__io_finish};
static const struct ac__io_desc close_desc = {prep_close, ac__io_finish};
static const struct ac__io_desc fsync_desc = {prep_fsync, ac__io_finish};
static const struct ac__io_desc stat_desc = {prep_stat, finish_stat};

/* ------------------------------------------------------------------------------------------ */
/* The async functions                                                                        */

static void init_rw(void *frame, const struct ac__io_desc *desc, int fd, const void *buf,
                    size_t len, long long offset)
{
    struct ac__io_frame *f = ac__io_frame_init(frame, desc);
    f->u.rw.fd = fd;
    f->u.rw.buf = (char *)buf;
    f->u.rw.len = len;
    f->u.rw.done = 0;
    f->u.rw.offset = offset;
}

AC__IO_TYPE(ac_read, read_desc, long, rw);
AC_EXPORT void ac__init_ac_read(void *frame, int fd, void *buf, size_t len);
void ac__init_ac_read(void *frame, int fd, void *buf, size_t len)
{
    init_rw(frame, &read_desc, fd, buf, len, -1);
}

AC__IO_TYPE(ac_write, write_desc, long, rw);
AC_EXPORT void ac__init_ac_write(void *frame, int fd, const void *buf, size_t len);
void ac__init_ac_write(void *frame, int fd, const void *buf, size_t len)
{
    init_rw(frame, &write_desc, fd, buf, len, -1);
}

AC__IO_TYPE(ac_pread, read_desc, long, rw);
AC_EXPORT void ac__init_ac_pread(void *frame, int fd, void *buf, size_t len, long long offset);
void ac__init_ac_pread(void *frame, int fd, void *buf, size_t len, long long offset)
{
    init_rw(frame, &read_desc, fd, buf, len, offset < 0 ? 0 : offset);
}

AC__IO_TYPE(ac_pwrite, write_desc, long, rw);
AC_EXPORT void ac__init_ac_pwrite(void *frame, int fd, const void *buf, size_t len,
                                  long long offset);
void ac__init_ac_pwrite(void *frame, int fd, const void *buf, size_t len, long long offset)
{
    init_rw(frame, &write_desc, fd, buf, len, offset < 0 ? 0 : offset);
}

AC__IO_TYPE(ac_read_exact, read_exact_desc, long, rw);
AC_EXPORT void ac__init_ac_read_exact(void *frame, int fd, void *buf, size_t len);
void ac__init_ac_read_exact(void *frame, int fd, void *buf, size_t len)
{
    init_rw(frame, &read_exact_desc, fd, buf, len, -1);
}

AC__IO_TYPE(ac_write_all, write_all_desc, long, rw);
AC_EXPORT void ac__init_ac_write_all(void *frame, int fd, const void *buf, size_t len);
void ac__init_ac_write_all(void *frame, int fd, const void *buf, size_t len)
{
    init_rw(frame, &write_all_desc, fd, buf, len, -1);
}

AC__IO_TYPE(ac_open, open_desc, int, path);
AC_EXPORT void ac__init_ac_open(void *frame, const char *path, int flags, unsigned mode);
void ac__init_ac_open(void *frame, const char *path, int flags, unsigned mode)
{
    struct ac__io_frame *f = ac__io_frame_init(frame, &open_desc);
    f->u.path.path = path;
    f->u.path.flags = flags;
    f->u.path.mode = mode;
}

AC__IO_TYPE(ac_close, close_desc, int, rw);
AC_EXPORT void ac__init_ac_close(void *frame, int fd);
void ac__init_ac_close(void *frame, int fd)
{
    init_rw(frame, &close_desc, fd, NULL, 0, 0);
}

AC__IO_TYPE(ac_fsync, fsync_desc, int, rw);
AC_EXPORT void ac__init_ac_fsync(void *frame, int fd);
void ac__init_ac_fsync(void *frame, int fd)
{
    init_rw(frame, &fsync_desc, fd, NULL, 0, 0);
}

AC__IO_TYPE(ac_stat, stat_desc, int, stat);
AC_EXPORT void ac__init_ac_stat(void *frame, const char *path, struct stat *st);
void ac__init_ac_stat(void *frame, const char *path, struct stat *st)
{
    struct ac__io_frame *f = ac__io_frame_init(frame, &stat_desc);
    f->u.stat.path = path;
    f->u.stat.out = st;
}
