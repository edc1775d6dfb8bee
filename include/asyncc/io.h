/* asyncc/io.h: files and standard streams through io_uring, as async functions.
 * Every call returns a count or a descriptor (>= 0), or a negative errno value; none blocks a worker. */
#ifndef ASYNCC_IO_H
#define ASYNCC_IO_H

#include "sys.h"

#include "future.h"
#include "lang.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Bounds on the frames of the futures below (see future.h): awaiting them allocates nothing. */
enum {
    ac__frame_size_ac_open = 128,
    ac__frame_size_ac_close = 128,
    ac__frame_size_ac_read = 128,
    ac__frame_size_ac_write = 128,
    ac__frame_size_ac_pread = 128,
    ac__frame_size_ac_pwrite = 128,
    ac__frame_size_ac_fsync = 128,
    ac__frame_size_ac_stat = 400,
    ac__frame_size_ac_read_exact = 128,
    ac__frame_size_ac_write_all = 128,
    ac__frame_size_ac_read_file = 160,
    ac__frame_size_ac_read_regular_file = 160,
    ac__frame_size_ac_read_regular_file_stat = 160
};

/*
 * Cancellation: dropping one of these futures while its operation is in flight (a select's
 * loser, a timeout, an aborted task) submits IORING_OP_ASYNC_CANCEL and waits for the
 * operation's completion before the drop returns, so the kernel never writes into a buffer or
 * frame that its owner frees afterwards.
 *
 * Reads are cancel-safe, as Tokio's are: a read at the file position (ac_read, ac_read_exact,
 * ac_recv, ac_readv, ac_recvfrom, ac_recvmsg; not ac_pread) that had already taken bytes when
 * the cancel arrived gives them to the descriptor's next read, which returns them first, as the
 * kernel would have (a dropped ac_read_exact: every byte it took; a datagram: whole, with its
 * sender and ancillary data). They are kept for the file the descriptor named, never given to
 * another file that gets the number after a close(2), and discarded by ac_close. A write that
 * had already happened when the cancel arrived stays written, and its count is lost to the
 * caller (completion-based I/O cannot take bytes back: see ac_buf_flush for a writer that
 * knows). A call that makes a descriptor (ac_open, ac_socket, ac_accept) and had made it when
 * the cancel arrived closes it: nobody could learn its number (an accepted connection is
 * closed, as if the server had refused it).
 */

/* Opens path relative to the current directory (openat(2) flags and mode). Returns the new
 * descriptor (O_CLOEXEC is added) or -errno. path must stay valid until the call finishes.
 * Every open that neither creates nor truncates is tried with O_NONBLOCK first (which is then
 * cleared on the new descriptor), on both backends, so opening a FIFO does not wait for its
 * other end: a read-only open succeeds at once (its reads then wait for a writer's bytes), a
 * write-only one fails with -ENXIO while there is no reader. On the epoll backend a path in the dentry cache that names a regular file or a
 * directory is opened on the worker, others (and O_CREAT, O_TRUNC) on the blocking pool. */
AC_EXPORT async int ac_open(const char *path, int flags, unsigned mode);

/* Closes fd. Returns 0 or -errno. As with close(2), an operation another task has pending on
 * fd is not woken by the close: it goes on waiting (on io_uring it even keeps the file open,
 * so a socket's peer sees no end of stream). End such reads first: ac_shutdown(fd, SHUT_RDWR)
 * makes a socket's pending receives return 0, and their tasks then close it. */
AC_EXPORT async int ac_close(int fd);

/* Reads up to len bytes at the file position (pipes, sockets, terminals, stdin: fd 0).
 * Returns the count (0 at end of file) or -errno. */
AC_EXPORT async long ac_read(int fd, void *buf, size_t len);

/* Writes up to len bytes at the file position (stdout: fd 1). Returns the count or -errno. */
AC_EXPORT async long ac_write(int fd, const void *buf, size_t len);

/* Reads/writes at offset without moving the file position. Returns the count or -errno, as
 * pread(2)/pwrite(2) on both backends: -EINVAL for a negative offset, -ESPIPE for a descriptor
 * without a position (a pipe, a socket, a terminal). */
AC_EXPORT async long ac_pread(int fd, void *buf, size_t len, long long offset);
AC_EXPORT async long ac_pwrite(int fd, const void *buf, size_t len, long long offset);

/* Flushes fd's data and metadata to the device. Returns 0 or -errno. */
AC_EXPORT async int ac_fsync(int fd);

/* Fills *st for path (following symlinks). Returns 0 or -errno. */
struct stat;
AC_EXPORT async int ac_stat(const char *path, struct stat *st);

/* Reads until len bytes arrived, looping over short reads. Returns len, a smaller count when
 * end of file came first, or -errno (the bytes read before an error are in buf). Cancel-safe:
 * dropped mid-way, the bytes it took come to the descriptor's next read (see above). */
AC_EXPORT async long ac_read_exact(int fd, void *buf, size_t len);

/* Writes all len bytes, looping over short writes. Returns len or -errno. */
AC_EXPORT async long ac_write_all(int fd, const void *buf, size_t len);

/* Reads the file at path from its start into buf, as one read(2) of up to len bytes (at most
 * 0x7ffff000), and closes it again: io_uring's open, read and close of a direct descriptor,
 * linked in one submission. Returns the count (for a file on a disk file system, fewer than len
 * only when the file is shorter) or -errno from the open or the read. The files of /proc and
 * /sys, which stat(2) gives a size of 0, are made as they are read: one read(2) of them may stop
 * at the end of a page (4096 bytes) of a longer text, so read those with ac_fs_read, which reads
 * to the end. path and buf must stay valid until the call finishes. The Tokio counterpart is
 * tokio::fs::read, with a buffer the caller sizes. */
AC_EXPORT async long ac_read_file(const char *path, void *buf, size_t len);

/* As ac_read_file (one read(2): a /proc file's may stop at a page), but only a regular file is
 * read (nginx serves nothing else either): the path is opened with O_NONBLOCK (so a FIFO's open
 * does not wait for a writer) and its type checked before any read. Returns the count, or -EISDIR for a directory, -EINVAL for any other file that
 * is not regular (a FIFO, a character or block device; a socket fails to open with -ENXIO), or
 * -errno from the open or the read; it never waits for a FIFO's or a device's data. Symbolic
 * links are followed (a link to a regular file is read). On io_uring the open goes through the
 * ring into an ordinary descriptor, which the worker fstat()s (two system calls: the type check
 * and clearing O_NONBLOCK) before the read and the close go, linked; on epoll a file whose path
 * and pages are cached is read on the worker (openat2, fstat, preadv2, close), others on the
 * blocking pool. */
AC_EXPORT async long ac_read_regular_file(const char *path, void *buf, size_t len);

/* As ac_read_regular_file, and when it read the file (a count >= 0) *st holds the fstat(2) of the
 * descriptor it read (its size and mtime when it was opened), taken with the type check the call
 * makes anyway: a static file server gets the Last-Modified of what it serves without a stat(2)
 * of its own. On an error *st may have been written or not. st must stay valid until the call
 * finishes. */
struct stat;
AC_EXPORT async long ac_read_regular_file_stat(const char *path, void *buf, size_t len, struct stat *st);

#ifdef __cplusplus
}
#endif

#endif
