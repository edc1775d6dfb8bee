/* runtime/io_read_file.c: ac_read_file and ac_read_regular_file, reading a file from its start in
 * one op: open, read and close (io_uring: one hard-linked chain through a direct descriptor;
 * epoll: on the worker when the path and the pages are cached, else one pool job), and the cached
 * open both use on epoll. */
#define _GNU_SOURCE /* preadv2, RWF_NOWAIT */
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "asyncc/io.h"
#include "io_op.h"
#include "task.h"

AC__IO_TYPE(ac_read_file, long, 0);

AC_EXPORT void ac__init_ac_read_file(void *frame, const char *path, void *buf, size_t len);
void ac__init_ac_read_file(void *frame, const char *path, void *buf, size_t len)
{
    struct ac__io_frame *f = ac__io_frame_init(frame, AC__OP_READ_FILE, ac__io_finish);
    f->op.a.read_file.path = path;
    f->op.a.read_file.buf = buf;
    f->op.a.read_file.len = ac__rw_chunk(len);
    f->op.a.read_file.regular = false;
    f->op.a.read_file.st = NULL;
}

AC__IO_TYPE(ac_read_regular_file, long, 0);

AC_EXPORT void ac__init_ac_read_regular_file(void *frame, const char *path, void *buf, size_t len);
void ac__init_ac_read_regular_file(void *frame, const char *path, void *buf, size_t len)
{
    ac__init_ac_read_file(frame, path, buf, len);
    ((struct ac__io_frame *)frame)->op.a.read_file.regular = true;
}

AC__IO_TYPE(ac_read_regular_file_stat, long, 0);

AC_EXPORT void ac__init_ac_read_regular_file_stat(void *frame, const char *path, void *buf, size_t len,
                                                  struct stat *st);
void ac__init_ac_read_regular_file_stat(void *frame, const char *path, void *buf, size_t len, struct stat *st)
{
    ac__init_ac_read_regular_file(frame, path, buf, len);
    ((struct ac__io_frame *)frame)->op.a.read_file.st = st;
}

void ac__read_file_stat(const struct ac__op *op, const struct stat *st)
{
    if (op->a.read_file.st)
        *(struct stat *)op->a.read_file.st = *st;
}

int ac__not_regular(unsigned mode)
{
    return S_ISREG(mode) ? 0 : S_ISDIR(mode) ? -EISDIR : -EINVAL;
}

/* Set once openat2 says it has no RESOLVE_CACHED (Linux before 5.12), or that a seccomp filter
 * refuses it: no use asking again. */
static atomic_bool no_cached_lookup;

/* Whether openat2 knows RESOLVE_CACHED: a lookup of "/" fails for no other reason. */
static bool knows_cached_lookup(void)
{
    struct open_how how = {.flags = O_PATH | O_CLOEXEC, .resolve = RESOLVE_CACHED};
    int fd = (int)syscall(SYS_openat2, AT_FDCWD, "/", &how, sizeof how);
    if (fd >= 0)
        close(fd);
    return fd >= 0 || errno == EAGAIN;
}

int ac__open_cached(const char *path, int flags)
{
    if (atomic_load_explicit(&no_cached_lookup, memory_order_relaxed))
        return -EAGAIN;
    struct open_how how = {.flags = (unsigned)flags, .resolve = RESOLVE_CACHED};
    int fd = (int)syscall(SYS_openat2, AT_FDCWD, path, &how, sizeof how);
    if (fd >= 0)
        return fd;
    int err = errno;
    if (err == ENOSYS || err == E2BIG || err == EINVAL || err == EPERM) {
        /* EINVAL: flags openat2 refuses (it is stricter than openat), or no RESOLVE_CACHED;
         * EPERM: the file's answer, or a seccomp profile refusing openat2 itself (Docker's
         * refuses calls it does not list with EPERM). The pool's openat answers, and the probe
         * tells whether to ask openat2 again. */
        if ((err != EINVAL && err != EPERM) || !knows_cached_lookup())
            atomic_store_explicit(&no_cached_lookup, true, memory_order_relaxed);
        return -EAGAIN;
    }
    return -err; /* -EAGAIN: a step of the lookup is not cached */
}

/* Reads a regular file's first bytes from the page cache. Returns the count, or -EAGAIN when a
 * page is not cached or the file system cannot tell. */
static int read_cached(int fd, const struct ac__op *op, off_t size)
{
    struct iovec iov = {.iov_base = op->a.read_file.buf, .iov_len = op->a.read_file.len};
    ssize_t n = preadv2(fd, &iov, 1, 0, RWF_NOWAIT);
    /* A short read is the end of the file, or pages missing from the cache (RWF_NOWAIT stops at
     * the first): only the former is the answer. Errors, -EAGAIN and -EOPNOTSUPP (a file
     * system without RWF_NOWAIT) among them, go to the pool, which says for sure. */
    return n >= 0 && ((size_t)n == iov.iov_len || n >= size) ? (int)n : -EAGAIN;
}

int ac__read_file_nowait(const struct ac__op *op)
{
    /* O_NONBLOCK keeps the open of a FIFO from waiting for a writer (io_uring's own first try
     * does the same); anything but a regular file then goes to the pool, as if never opened
     * (ac_read_regular_file refuses it here). */
    int fd = ac__open_cached(op->a.read_file.path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return fd;
    int r = -EAGAIN;
    struct stat st;
    if (fstat(fd, &st) == 0) {
        int refused = op->a.read_file.regular ? ac__not_regular(st.st_mode) : 0;
        if (refused < 0)
            r = refused;
        else if (S_ISREG(st.st_mode) && (r = read_cached(fd, op, st.st_size)) >= 0)
            ac__read_file_stat(op, &st);
    }
    close(fd);
    return r;
}
