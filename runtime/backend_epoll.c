/* runtime/backend_epoll.c: the epoll backend, for where io_uring is missing or denied: sockets and
 * pipes by readiness (the call first, non-blocking; a wait for readiness on EAGAIN), files through
 * preadv2/pwritev2(RWF_NOWAIT) first and the blocking pool when the page cache lacks them.
 * This file: submitting, cancelling, waiting, dispatching and setup; the calls are in
 * epoll_calls.c, readiness in epoll_ready.c. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "backend_epoll.h"
#include "task.h"
#include "util.h"

/* ------------------------------------------------------------------------------------------ */
/* Submitting and cancelling                                                                  */

/* A read or write that may be of a file without readiness (RWF_NOWAIT first). */
static bool is_file_rw(struct ac__op *op)
{
    return op->kind == AC__OP_READ || op->kind == AC__OP_WRITE || op->kind == AC__OP_READV ||
           op->kind == AC__OP_WRITEV;
}

/* A send or receive whose caller passed MSG_DONTWAIT gets -EAGAIN, as recv(2) and io_uring
 * give it, rather than a wait for readiness. */
static bool asks_not_to_wait(struct ac__op *op)
{
    switch (op->kind) {
    case AC__OP_RECV:
    case AC__OP_SEND:
        return op->a.rw.flags & MSG_DONTWAIT;
    case AC__OP_RECVMSG:
    case AC__OP_SENDMSG:
        return op->a.msg.flags & MSG_DONTWAIT;
    default:
        return false;
    }
}

static bool finished(struct ac__op *op, int res)
{
    op->res = res;
    return true;
}

static bool start_connect(struct ep *e, struct ac__op *op)
{
    int fd = op->a.connect.fd;
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0)
        return finished(op, -errno);
    op->bits = 0;
    if (!(flags & O_NONBLOCK)) {
        if (fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0)
            return finished(op, -errno);
        op->bits = RESTORE_BLOCKING;
    }
    int r;
    do
        r = connect(fd, op->a.connect.addr, op->a.connect.len);
    while (r < 0 && errno == EINTR);
    if (r < 0 && errno == EINPROGRESS) {
        r = ac__ep_add_waiter(e, op, EPOLLOUT);
        if (r == 0)
            return false;
    } else {
        r = neg_errno(r);
    }
    ac__ep_restore_blocking(op);
    return finished(op, r);
}

static bool ep_submit(struct ac__worker *w, struct ac__op *op)
{
    struct ep *e = E(w);
    union ac__op_args *a = &op->a;
    int r;
    AC__STAT_INC(w, io_submitted);
    e->ops++; /* undone below when it finishes at once */
    switch ((enum ac__op_kind)op->kind) {
    case AC__OP_SOCKET:
        r = neg_errno(socket(a->ints.a, a->ints.b | SOCK_CLOEXEC, a->ints.c));
        ac__ep_fd_created(r);
        break;
    case AC__OP_SHUTDOWN:
        r = neg_errno(shutdown(a->ints.a, a->ints.b));
        break;
    case AC__OP_CLOSE:
        ac__ep_fd_closing(a->ints.a);
        if (a->ints.a >= 0 && (unsigned)a->ints.a < e->nfds) {
            struct fd_entry *x = &e->fds[a->ints.a];
            x->registered = x->et = x->drained = false;
        }
        r = neg_errno(close(a->ints.a));
        break;
    case AC__OP_READ_FILE:
        /* A file in the page cache costs four calls here, less than a trip to the pool. */
        if ((r = ac__read_file_nowait(op)) != -EAGAIN)
            break;
        ac__ep_to_pool(w, op);
        return false;
    case AC__OP_OPEN:
        /* A cached path opens here in two or three calls, less than a trip to the pool. */
        if ((r = ac__open_nowait(op)) != -EAGAIN)
            break;
        ac__ep_to_pool(w, op);
        return false;
    case AC__OP_STATX:
        /* A cached path: an O_PATH open, statx and close, less than a trip to the pool. */
        if ((r = ac__stat_nowait(op)) != -EAGAIN)
            break;
        ac__ep_to_pool(w, op);
        return false;
    case AC__OP_FSYNC: /* waits for the disk: on the pool */
    case AC__OP_UNLINK:
    case AC__OP_MKDIR:
    case AC__OP_RENAME:
        ac__ep_to_pool(w, op);
        return false;
    case AC__OP_CONNECT:
        if (!start_connect(e, op))
            return false;
        r = op->res;
        break;
    case AC__OP_ACCEPT: {
        /* accept has no per-call non-blocking flag: the listening socket becomes
         * non-blocking (it stays so; accepted sockets are blocking as usual). */
        int flags = fcntl(a->accept.fd, F_GETFL);
        if (flags >= 0 && !(flags & O_NONBLOCK))
            fcntl(a->accept.fd, F_SETFL, flags | O_NONBLOCK);
    }
        /* fallthrough */
    case AC__OP_READ:
    case AC__OP_WRITE:
    case AC__OP_READV:
    case AC__OP_WRITEV:
    case AC__OP_RECV:
    case AC__OP_SEND:
    case AC__OP_RECVMSG:
    case AC__OP_SENDMSG:
    case AC__OP_POLL:
    case AC__OP_SPLICE:
        op->bits = 0;
        if (op->kind == AC__OP_WRITEV)
            a->vec.pool_done = 0;
        if (op->kind == AC__OP_RECV && a->rw.flags == 0 && a->rw.fd >= 0 &&
            (unsigned)a->rw.fd < e->nfds && e->fds[a->rw.fd].drained) {
            if (ac__ep_add_waiter(e, op, ac__ep_interest(op)) == 0)
                return false;
            e->fds[a->rw.fd].drained = false; /* no socket now: the call says what it is */
        }
        r = ac__ep_try_call(op);
        if (op->kind == AC__OP_RECV && a->rw.fd >= 0 && (unsigned)a->rw.fd < e->nfds)
            ac__ep_note_recv(&e->fds[a->rw.fd], op, r);
        if (r > 0 && ac__ep_rest_to_pool(w, op, r))
            return false;
        if (r == -EOPNOTSUPP && is_file_rw(op)) {
            op->bits = PLAIN; /* no RWF_NOWAIT here (a tty): wait for readiness, then call */
            r = -EAGAIN;
        }
        if (r != -EAGAIN || asks_not_to_wait(op))
            break;
        r = ac__ep_add_waiter(e, op, ac__ep_interest(op));
        if (r == 0)
            return false;
        if (r == -EPERM && (is_file_rw(op) || op->kind == AC__OP_SPLICE)) {
            ac__ep_to_pool(w, op); /* a regular file whose pages are not in memory */
            return false;
        }
        if (r == -EPERM && op->kind == AC__OP_POLL)
            r = -EINVAL; /* never ready for what it asks: io_uring's POLL_ADD says so */
        break;
    default:
        ac__panic("epoll backend: unknown op kind %u", op->kind);
    }
    e->ops--;
    AC__STAT_INC(w, io_completed);
    return finished(op, r);
}

static void ep_cancel(struct ac__worker *w, struct ac__op *op)
{
    struct ep *e = E(w);
    switch (op->state) {
    case WAITING: {
        struct fd_entry *x = &e->fds[ac__ep_op_fd(op)];
        for (struct ac__op **pp = &x->waiters; *pp; pp = (struct ac__op **)&(*pp)->be.ep.job.next)
            if (*pp == op) {
                *pp = next_of(op);
                break;
            }
        ac__ep_settle(op);
        /* Its interest stays armed: an event for nobody costs one look later. */
        op->state = READY;
        op->res = -ECANCELED;
        set_next(op, NULL);
        *e->ready_tail = op;
        e->ready_tail = (struct ac__op **)&op->be.ep.job.next;
        break;
    }
    case ON_POOL: /* a call under way runs to its end; one not started will not start */
        __atomic_fetch_or(&op->events, POOL_CANCELLED, __ATOMIC_RELEASE);
        break;
    default: /* its completion is on its way to dispatch already */
        break;
    }
}

static void ep_flush(struct ac__worker *w)
{
    w->flush_since = 0; /* nothing is ever held back */
}

/* ------------------------------------------------------------------------------------------ */
/* Waiting and dispatching                                                                    */

static bool completions_queued(struct ep *e)
{
    return e->ready || atomic_load_explicit(&e->pool_done, memory_order_acquire);
}

/* Takes up to max (1 to MAX_EVENTS) ready descriptors' events, waiting until the deadline for
 * one when there are none and nothing else is queued. */
static void harvest(struct ep *e, uint64_t deadline, int max)
{
    int n;
    if (e->next_sweep && deadline > e->next_sweep)
        deadline = e->next_sweep; /* the sweep must not wait behind a sleep (see epoll_ready.c) */
    if (deadline == 0 || completions_queued(e)) {
        n = epoll_wait(e->epfd, e->events, max, 0);
    } else if (deadline == UINT64_MAX) {
        n = epoll_wait(e->epfd, e->events, max, -1);
    } else {
        uint64_t now = ac__now_ns();
        uint64_t ns = deadline > now ? deadline - now : 0;
        n = -1;
        if (!e->no_pwait2) {
            struct timespec ts = {.tv_sec = (time_t)(ns / 1000000000u),
                                  .tv_nsec = (long)(ns % 1000000000u)};
            n = (int)syscall(SYS_epoll_pwait2, e->epfd, e->events, max, &ts, NULL, 0);
            /* ENOSYS before Linux 5.11; EPERM from a seccomp profile that does not list it
             * (Docker's refuses what it does not know with EPERM), never from the call itself. */
            if (n < 0 && (errno == ENOSYS || errno == EPERM))
                e->no_pwait2 = true;
        }
        if (e->no_pwait2) { /* whole milliseconds, rounded up: a timer never fires early */
            uint64_t ms = (ns + 999999) / 1000000;
            n = epoll_wait(e->epfd, e->events, max, ms > INT_MAX ? INT_MAX : (int)ms);
        }
    }
    if (n < 0) {
        if (errno != EINTR)
            ac__panic("epoll_wait: %s", strerror(errno));
        n = 0;
    }
    e->nevents = n;
    e->harvested = true;
    atomic_store_explicit(&e->more, n == max ? (unsigned)n : 0, memory_order_relaxed);
}

static void ep_wait(struct ac__worker *w, uint64_t deadline)
{
    struct ep *e = E(w);
    if (e->nevents)
        return; /* events still to dispatch */
    harvest(e, deadline, MAX_EVENTS);
    if (ac__current == w)
        e->look_tick = w->tick;
}

/* Whether a reap asked for at most max completions should look for new events. Every look is
 * an epoll_wait, where io_uring's is a read of shared memory: the worker's loop reaps again
 * right after a reap (worker.c, reap_into_queue) for backends that leave completions in the
 * kernel, but a look of its own, with no task polled since the last look (which the worker
 * dispatched whole) and that look not full, could only find what came since: a system call
 * per park that finds nothing nearly always (0.04-0.14 epoll_wait per echo request where Tokio,
 * which looks when it parks and every 61 polls as this runtime does, makes 0.04). What came
 * meanwhile waits for the next look, at most 61 polls or one park away. Other threads (the
 * monitor, a worker taking a share) and the unbounded reaps of cancellation and shutdown
 * always look. */
static bool look_due(struct ac__worker *w, struct ep *e, unsigned max)
{
    if (e->harvested)
        return false; /* wait looked just now */
    return ac__current != w || max == UINT_MAX || atomic_load_explicit(&e->more, memory_order_relaxed) ||
           e->look_tick != w->tick;
}

/* ac_read_file opened a FIFO or a device on the pool: read it when it is ready. Returns
 * true when it waits (else op->res holds the result and the descriptor is closed). */
static bool read_file_wait(struct ep *e, struct ac__op *op)
{
    int fd = op->res;
    /* Readiness first, as io_uring's read waits: a FIFO that no writer has opened yet would
     * read 0 at once. Not pollable: one try, which does not wait (the descriptor is
     * non-blocking). */
    int r = ac__ep_add_waiter(e, op, ac__ep_interest(op));
    if (r == 0)
        return true;
    if (r == -EPERM)
        r = ac__ep_try_call(op);
    if (r == -EAGAIN)
        r = -EIO;
    close(fd);
    op->bits = 0;
    op->res = r;
    return false;
}

static unsigned ep_reap(struct ac__worker *w, unsigned max)
{
    struct ep *e = E(w);
    unsigned total = 0;
    bool saved = ac__driver_enter();
    if (e->next_sweep)
        ac__ep_sweep(e, ac__now_ns());
    if (look_due(w, e, max)) { /* (an event readies one op or a few; pool and cancelled ops are few) */
        harvest(e, 0, max >= MAX_EVENTS ? MAX_EVENTS : max ? (int)max : 1);
        if (ac__current == w)
            e->look_tick = w->tick;
    }
    e->harvested = false;
    for (int i = 0; i < e->nevents; i++) {
        uint64_t data = e->events[i].data.u64;
        if (data == EVENTFD_DATA) {
            uint64_t v;
            ssize_t n = read(e->eventfd, &v, sizeof v);
            (void)n;
            continue;
        }
        unsigned before = e->ops;
        ac__ep_fd_ready(e, (int)data, e->events[i].events);
        total += before - e->ops;
    }
    e->nevents = 0;
    struct ac__op *op = atomic_exchange_explicit(&e->pool_done, NULL, memory_order_acquire);
    struct ac__op *fifo = NULL;
    while (op) { /* a stack: reverse it, oldest first */
        struct ac__op *next = next_of(op);
        set_next(op, fifo);
        fifo = op;
        op = next;
    }
    while ((op = fifo)) {
        fifo = next_of(op);
        if (op->kind == AC__OP_READ_FILE && (op->bits & READ_FILE_FD)) {
            if (op->events & POOL_CANCELLED) {
                close(op->res);
                op->bits = 0;
                op->res = -ECANCELED;
            } else if (read_file_wait(e, op)) {
                continue;
            }
        }
        ac__ep_complete(e, op, op->res);
        total++;
    }
    while ((op = e->ready)) {
        e->ready = next_of(op);
        if (!e->ready)
            e->ready_tail = &e->ready;
        ac__ep_complete(e, op, op->res);
        total++;
    }
    AC__STAT_ADD(w, io_completed, total);
    ac__driver_leave(saved);
    return total;
}

static void ep_wake(struct ac__worker *w)
{
    ac__ep_wake(E(w));
}

static unsigned ep_inflight(struct ac__worker *w)
{
    return E(w)->ops;
}

/* epoll says how many descriptors are ready only by taking them: a full last harvest is the
 * hint that more wait. */
static unsigned ep_ready(struct ac__worker *w)
{
    return atomic_load_explicit(&E(w)->more, memory_order_relaxed);
}

/* ------------------------------------------------------------------------------------------ */
/* Setup                                                                                      */

static int ep_init(struct ac__worker *w, unsigned entries, char *why, size_t whylen)
{
    (void)entries;
    int r;
    struct ep *e = calloc(1, sizeof *e);
    if (!e) {
        snprintf(why, whylen, "out of memory");
        return -ENOMEM;
    }
    e->ready_tail = &e->ready;
    e->me = (uint16_t)(w->index + 1);
    ac__ep_fds_init(); /* without its memory, every wait arms a one-shot interest */
    e->epfd = epoll_create1(EPOLL_CLOEXEC);
    ac__fd_out_of_reach(&e->epfd);
    if (e->epfd < 0) {
        r = -errno;
        snprintf(why, whylen, "epoll_create1 failed: %s", strerror(errno));
        goto err;
    }
    e->eventfd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    ac__fd_out_of_reach(&e->eventfd);
    if (e->eventfd < 0) {
        r = -errno;
        snprintf(why, whylen, "eventfd failed: %s", strerror(errno));
        goto err_epfd;
    }
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = EVENTFD_DATA};
    if (epoll_ctl(e->epfd, EPOLL_CTL_ADD, e->eventfd, &ev) < 0) {
        r = -errno;
        snprintf(why, whylen, "epoll_ctl failed: %s", strerror(errno));
        goto err_eventfd;
    }
    w->io = e;
    return 0;
err_eventfd:
    close(e->eventfd);
err_epfd:
    close(e->epfd);
err:
    free(e);
    return r;
}

static void ep_destroy(struct ac__worker *w)
{
    struct ep *e = E(w);
    if (!e)
        return;
    close(e->epfd);
    close(e->eventfd);
    free(e->fds);
    free(e->watch);
    free(e);
    w->io = NULL;
}

/* share_woken: every request costs an epoll worker two system calls more than an io_uring one
 * (the recv and the send), so one worker runs out of CPU where an io_uring worker does not: the
 * echo bench at 50 connections kept the second worker parked (its backlog never aged 3 ms) and
 * the first one at 100%, 40-46k requests/s at 20-25 us of server CPU per request against Tokio's
 * 79-85k at 15 us. Waking a parked worker when one reap wakes 8 tasks or more: 86-93k at 14 us
 * (alternating runs, 2 rounds); at 1,000 connections no change. io_uring keeps to its backlog
 * rule: there sharing cost 12% more CPU per request for 5-10% more requests/s.
 * hands_over: a task that moves takes its descriptor's registration along, an epoll_ctl ADD in
 * the new set and a wake of the old one by the next event, which drops it (DEL): on the echo
 * bench at 50 connections the hand-overs to worker 0 (about 4,000 a second) and the steals back
 * that its backlog then caused (as many) made nine in ten of the server's epoll_ctl calls (0.119
 * per request; 0.010 without); without them, 2,200 steals in 4.5 s instead of 39,000 moves, and
 * 8-35% more requests/s at 2-17% less CPU per request (alternating runs). */
const struct ac__backend_ops ac__backend_epoll = {
    .name = "epoll",
    .init = ep_init,
    .destroy = ep_destroy,
    .submit = ep_submit,
    .cancel = ep_cancel,
    .flush = ep_flush,
    .wait = ep_wait,
    .reap = ep_reap,
    .wake = ep_wake,
    .inflight = ep_inflight,
    .ready = ep_ready,
    .share_woken = 8,
    .hands_over = false,
};
