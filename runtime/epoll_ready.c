/* runtime/epoll_ready.c: the epoll backend's readiness: each descriptor's waiters, its one-shot
 * interest armed in the worker's epoll set, and the retries when it fires. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "backend_epoll.h"

/* The descriptor an op waits on (every shape keeps it first). */
int ac__ep_op_fd(struct ac__op *op)
{
    switch (op->kind) {
    case AC__OP_ACCEPT:
        return op->a.accept.fd;
    case AC__OP_CONNECT:
        return op->a.connect.fd;
    case AC__OP_READV:
    case AC__OP_WRITEV:
        return op->a.vec.fd;
    case AC__OP_SENDMSG:
    case AC__OP_RECVMSG:
        return op->a.msg.fd;
    case AC__OP_POLL:
        return op->a.ints.a;
    case AC__OP_SPLICE:
        return op->bits & SPLICE_OUT ? op->a.splice.out : op->a.splice.in;
    case AC__OP_READ_FILE:
        return op->res;
    default:
        return op->a.rw.fd;
    }
}

static struct fd_entry *entry(struct ep *e, int fd)
{
    if ((unsigned)fd >= e->nfds) {
        unsigned n = e->nfds ? e->nfds : 64;
        while (n <= (unsigned)fd)
            n *= 2;
        struct fd_entry *more = realloc(e->fds, n * sizeof *more);
        if (!more)
            return NULL;
        memset(more + e->nfds, 0, (n - e->nfds) * sizeof *more);
        e->fds = more;
        e->nfds = n;
    }
    return &e->fds[fd];
}

/* Registers one-shot interest in events of fd. A descriptor number may have been closed and
 * reused behind our back: epoll then knows the old file, not this one, so MOD finds nothing
 * and we ADD.
 * Why a wait costs this epoll_ctl, where Tokio registers a socket once (edge-triggered) and
 * waits for free: Tokio owns the descriptor and deregisters it when it is dropped; here the
 * program owns raw numbers and may close(2) one without ac_close (epoll then forgets the file
 * silently) and get the same number back from pipe(2), socket(2) or dup(2). A registration
 * kept per number, even with a generation that ac_close and the runtime's own accept and
 * socket bump, would then wait on a file epoll does not watch, for ever; telling the files
 * apart takes a system call per wait (fstat, or this MOD, which also re-checks readiness). */
static int arm(struct ep *e, int fd, struct fd_entry *x, uint32_t events)
{
    struct epoll_event ev = {.events = events | EPOLLONESHOT, .data.u64 = (uint64_t)fd};
    int op = x->registered ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
    int r = epoll_ctl(e->epfd, op, fd, &ev);
    if (r < 0 && errno == (op == EPOLL_CTL_MOD ? ENOENT : EEXIST))
        r = epoll_ctl(e->epfd, op == EPOLL_CTL_MOD ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, fd, &ev);
    if (r < 0)
        return -errno;
    x->registered = true;
    x->armed = events;
    return 0;
}

/* Makes op wait until fd is ready for events; -EPERM when fd cannot be polled (a regular
 * file), another -errno when it is no descriptor. */
int ac__ep_add_waiter(struct ep *e, struct ac__op *op, uint32_t events)
{
    int fd = ac__ep_op_fd(op);
    if (fd < 0)
        return -EBADF;
    struct fd_entry *x = entry(e, fd);
    if (!x)
        return -ENOMEM;
    uint32_t want = events;
    for (struct ac__op *o = x->waiters; o; o = next_of(o))
        want |= o->events;
    /* Another waiter's interest covers ours already (and the descriptor cannot have changed
     * under a pending op without the program breaking that op anyway). */
    if (!x->waiters || (x->armed & want) != want) {
        int r = arm(e, fd, x, want);
        if (r < 0)
            return r;
    }
    op->events = events;
    op->state = WAITING;
    set_next(op, x->waiters);
    x->waiters = op;
    return 0;
}

uint32_t ac__ep_interest(struct ac__op *op)
{
    switch (op->kind) {
    case AC__OP_POLL: /* poll(2)'s bits are epoll's */
        return (uint32_t)op->a.ints.b;
    case AC__OP_SPLICE:
        return op->bits & SPLICE_OUT ? EPOLLOUT : EPOLLIN | EPOLLRDHUP;
    case AC__OP_READ_FILE:
        return EPOLLIN | EPOLLRDHUP;
    case AC__OP_READ:
    case AC__OP_READV:
    case AC__OP_RECV:
    case AC__OP_RECVMSG:
    case AC__OP_ACCEPT:
        return EPOLLIN | EPOLLRDHUP;
    default:
        return EPOLLOUT;
    }
}

void ac__ep_restore_blocking(struct ac__op *op)
{
    if (!(op->bits & RESTORE_BLOCKING))
        return;
    int fd = op->a.connect.fd;
    int flags = fcntl(fd, F_GETFL);
    if (flags >= 0)
        fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    op->bits &= (uint16_t)~RESTORE_BLOCKING;
}

/* What an op that waited for readiness undoes before it completes. */
void ac__ep_settle(struct ac__op *op)
{
    if (op->kind == AC__OP_CONNECT)
        ac__ep_restore_blocking(op);
    else if (op->kind == AC__OP_READ_FILE && (op->bits & READ_FILE_FD))
        close(op->res);
}

void ac__ep_complete(struct ep *e, struct ac__op *op, int res)
{
    op->state = IDLE;
    op->res = res;
    e->ops--;
    op->complete(op);
}

/* Notes whether a plain recv on x's descriptor left it empty (see fd_entry.drained). */
void ac__ep_note_recv(struct fd_entry *x, struct ac__op *op, int res)
{
    if (op->kind == AC__OP_RECV && op->a.rw.flags == 0)
        x->drained = res > 0 && (size_t)res < op->a.rw.len;
}

/* fd is ready (its one-shot interest fired): the waiters whose events came try again. */
void ac__ep_fd_ready(struct ep *e, int fd, uint32_t revents)
{
    if ((unsigned)fd >= e->nfds)
        return;
    struct fd_entry *x = &e->fds[fd];
    x->armed = 0;
    x->drained = false;
    uint32_t want = 0;
    struct ac__op **pp = &x->waiters, *op;
    while ((op = *pp)) {
        if (revents & (op->events | EPOLLERR | EPOLLHUP)) {
            int res = ac__ep_try_call(op);
            ac__ep_note_recv(x, op, res);
            if (res != -EAGAIN) {
                *pp = next_of(op); /* unlinked before complete: op may go away there */
                ac__ep_settle(op);
                ac__ep_complete(e, op, res);
                continue;
            }
        }
        want |= op->events;
        pp = (struct ac__op **)&op->be.ep.job.next;
    }
    if (want) {
        int r = arm(e, fd, x, want);
        if (r < 0) { /* the descriptor went away under its waiters: they fail */
            while ((op = x->waiters)) {
                x->waiters = next_of(op);
                ac__ep_settle(op);
                ac__ep_complete(e, op, r);
            }
        }
    }
}
