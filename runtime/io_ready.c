/* runtime/io_ready.c: readiness of a file descriptor (asyncc/fd.h) as one AC__OP_POLL op (io_uring:
 * a one-shot POLL_ADD): level-triggered, so a descriptor ready already completes at once. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>

#include "asyncc/fd.h"
#include "io_op.h"
#include "task.h"

/* The events ready among those asked for, POLLERR and POLLHUP, as poll(2) and the epoll
 * backend report them: io_uring's POLL_ADD adds POLLRDHUP to every request and reports it
 * unasked. When it is all that is ready (a wait for neither POLLIN nor POLLRDHUP on a socket
 * whose peer shut down its writing), it is reported still: waiting again would spin. */
static int finish_ready(struct ac__io_frame *f, int res)
{
    int asked = f->op.a.ints.b | POLLERR | POLLHUP;
    return ac__io_finish(f, res > 0 && (res & asked) ? res & asked : res);
}

static void init_poll(void *frame, int fd, unsigned events)
{
    struct ac__io_frame *f = ac__io_frame_init(frame, AC__OP_POLL, finish_ready);
    f->op.a.ints.a = fd;
    f->op.a.ints.b = (int)events;
}

AC__IO_TYPE(ac_fd_ready, int, 0);
AC_EXPORT void ac__init_ac_fd_ready(void *frame, int fd, unsigned events);
void ac__init_ac_fd_ready(void *frame, int fd, unsigned events)
{
    init_poll(frame, fd, events);
}

AC__IO_TYPE(ac_fd_readable, int, 0);
AC_EXPORT void ac__init_ac_fd_readable(void *frame, int fd);
void ac__init_ac_fd_readable(void *frame, int fd)
{
    init_poll(frame, fd, POLLIN);
}

AC__IO_TYPE(ac_fd_writable, int, 0);
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
