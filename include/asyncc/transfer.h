/* asyncc/transfer.h: moving bytes in bulk: send_all (the socket twin of ac_write_all), vectored
 * reads and writes, splice and sendfile. Every call returns a count or -errno. */
#ifndef ASYNCC_TRANSFER_H
#define ASYNCC_TRANSFER_H

#include "sys.h"

#include "future.h"
#include "lang.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Bounds on the frames of the futures below (see future.h): awaiting them allocates nothing. */
enum {
    ac__frame_size_ac_send_all = 128,
    ac__frame_size_ac_readv = 304,
    ac__frame_size_ac_writev = 304,
    ac__frame_size_ac_writev_all = 336,
    ac__frame_size_ac_splice = 144,
    ac__frame_size_ac_sendfile = 184
};

/* Dropping an in-flight call cancels it as described in asyncc/io.h; the bytes a looping call
 * (send_all, writev_all, sendfile) moved before it was dropped stay moved, and how many is lost
 * to the caller, as with ac_write_all. */

/* Sends all len bytes on socket fd (send(2) flags; MSG_NOSIGNAL is added, so a closed peer
 * gives -EPIPE, not SIGPIPE), looping over short sends. Returns len or -errno. buf must stay
 * valid until the call finishes. */
AC_EXPORT async long ac_send_all(int fd, const void *buf, size_t len, int flags);

/* readv(2)/writev(2) at the file position (or on a socket or pipe): one transfer, which may be
 * short on a socket or pipe; on a regular file a readv is short only at the end of the file and
 * a writev writes everything unless it fails, on both backends. iov and the buffers must stay
 * valid until the call finishes (iov may be NULL when iovcnt is 0: nothing moves, 0 is
 * returned). Return the count or -errno. */
struct iovec;
AC_EXPORT async long ac_readv(int fd, const struct iovec *iov, int iovcnt);
AC_EXPORT async long ac_writev(int fd, const struct iovec *iov, int iovcnt);

/* Writes every byte of iov[0..iovcnt), looping over short writes; on a socket as sendmsg(2)
 * with MSG_NOSIGNAL (a closed peer gives -EPIPE, not SIGPIPE). iov is not modified; it and the
 * buffers must stay valid until the call finishes. Returns the total or -errno. */
AC_EXPORT async long ac_writev_all(int fd, const struct iovec *iov, int iovcnt);

/* splice(2): moves up to len bytes from fd_in to fd_out, one of which must be a pipe, without
 * copying through user memory. off_in/off_out: the offset in a file (-1: its file position; -1
 * for a pipe). Returns the count (0: end of input) or -errno. Not cancel-safe, as a write is
 * not: a splice dropped (a timeout, a select) just as the kernel completed it has moved its
 * bytes, and their count is lost, so a loop that splices under a timeout and counts what it
 * moved may skip bytes (ac_sendfile keeps count across drops). */
AC_EXPORT async long ac_splice(int fd_in, long long off_in, int fd_out, long long off_out,
                               size_t len, unsigned flags);

/* Sends count bytes of file in_fd starting at offset (-1: from its file position, which then
 * advances) to out_fd (a socket, pipe or file), without copying through user memory (two
 * splices per chunk through a pipe the call owns). Returns the count sent (less than count
 * only when the file ended first) or -errno. Dropped mid-way from the file position, the
 * position has advanced by exactly the bytes sent (those read into the call's pipe and not sent
 * are given back), so a sendfile started again from it goes on without a gap.
 * in_fd may also be a pipe (offset -1; another offset gives -ESPIPE): its bytes go straight
 * to out_fd, less than count only when its writers closed it, and a call dropped mid-way
 * leaves every byte it did not send in the pipe. Any other in_fd (a socket) gives -EINVAL. */
AC_EXPORT async long ac_sendfile(int out_fd, int in_fd, long long offset, size_t count);

#ifdef __cplusplus
}
#endif

#endif
