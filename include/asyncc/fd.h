/* asyncc/fd.h: readiness of any file descriptor (Tokio's AsyncFd): await until a descriptor is
 * readable or writable, so C libraries with a non-blocking mode (OpenSSL, libcurl, libpq) plug in. */
#ifndef ASYNCC_FD_H
#define ASYNCC_FD_H

#include "future.h"
#include "lang.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Bounds on the frames of the futures below (see future.h): awaiting them allocates nothing. */
enum {
    ac__frame_size_ac_fd_ready = 128,
    ac__frame_size_ac_fd_readable = 128,
    ac__frame_size_ac_fd_writable = 128
};

/*
 * Waits until fd is ready for one of events (poll(2)'s POLLIN, POLLOUT, POLLPRI, POLLRDHUP...,
 * from <poll.h>, which <asyncc.h> does not include).
 * Returns the events that are ready (> 0; POLLERR and POLLHUP are reported even when not asked
 * for) or -errno (-EBADF for a descriptor that is not open, where poll(2) says POLLNVAL). (One
 * exception on io_uring, which always watches for POLLRDHUP: a wait for neither POLLIN nor
 * POLLRDHUP on a socket whose peer shut down its writing ends with POLLRDHUP alone.)
 * Readiness is level-triggered: a descriptor that is ready when the call starts completes it
 * at once. A descriptor that cannot wait (a regular file, a directory) is always ready for
 * POLLIN and POLLOUT, as poll(2) says; asked for neither, the call returns -EINVAL rather than
 * waiting for good. It is a hint, as with poll(2): the operation that follows
 * (on a descriptor in O_NONBLOCK mode) may still find nothing and return EAGAIN, and then waits
 * again. The descriptor is neither read nor written, and it must stay open until the call
 * finishes. Cancel-safe: dropping the wait consumes nothing (the kernel's poll request is
 * cancelled and has completed before the drop returns).
 *
 * The usual loop around a non-blocking library call:
 *
 *     while ((n = SSL_read(ssl, buf, len)) <= 0) {
 *         int e = SSL_get_error(ssl, n);
 *         if (e == SSL_ERROR_WANT_READ) await(ac_fd_readable(fd));
 *         else if (e == SSL_ERROR_WANT_WRITE) await(ac_fd_writable(fd));
 *         else return -EIO;
 *     }
 */
AC_EXPORT async int ac_fd_ready(int fd, unsigned events);

/* ac_fd_ready(fd, POLLIN) and ac_fd_ready(fd, POLLOUT). */
AC_EXPORT async int ac_fd_readable(int fd);
AC_EXPORT async int ac_fd_writable(int fd);

/* Sets or clears O_NONBLOCK on fd (fcntl). Returns 0 or -errno. */
AC_EXPORT int ac_fd_set_nonblocking(int fd, int on);

#ifdef __cplusplus
}
#endif

#endif
