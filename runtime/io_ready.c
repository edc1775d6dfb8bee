/* runtime/io_ready.c: readiness of a file descriptor (asyncc/fd.h) as one io_uring POLL_ADD,
 * one-shot: level-triggered, so a descriptor ready already completes at once. */
#include <errno.h>
#include <fcntl.h>

#include "asyncc/fd.h"
#include "io_op.h"

static void prep_poll(struct io_uring_sqe *sqe, struct ac__io_frame *f)
{
    io_uring_prep_poll_add(sqe, f->u.ints.a, (unsigned)f->u.ints.b);
}

static const struct ac__io_desc poll_desc = {prep_poll, ac__io_finish};

static void init_poll(void *frame, int fd, unsigned events)
{
    struct ac__io_frame *f = ac__io_frame_init(frame, &poll_desc);
    f->u.ints.a = fd;
    f->u.ints.b = (int)events;
}

AC__IO_TYPE(ac_fd_ready, poll_desc, int, ints);
AC_EXPORT void ac__init_ac_fd_ready(void *frame, int fd, unsigned events);
void ac__init_ac_fd_ready(void *frame, int fd, unsigned events)
{
    init_poll(frame, fd, events);
}

AC__IO_TYPE(ac_fd_readable, poll_desc, int, ints);
AC_EXPORT void ac__init_ac_fd_readable(void *frame, int fd);
void ac__init_ac_fd_readable(void *frame, int fd)
{
    init_poll(frame, fd, POLLIN);
}

AC__IO_TYPE(ac_fd_writable, poll_desc, int, ints);
AC_EXPORT void ac__init_ac_fd_writable(void *frame, int fd);
void ac__init_ac_fd_writable(void *frame, int fd)
{
    init_poll(frame, fd, POLLOUT);
}

int ac_fd_set_nonblocking(int fd, int on)
{
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0)
        return -errno;
    int want = on ? flags | O_NONBLOCK : flags & ~O_NONBLOCK;
    if (want != flags && fcntl(fd, F_SETFL, want) < 0)
        return -errno;
    return 0;
}
