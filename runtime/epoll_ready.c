/* runtime/epoll_ready.c: the epoll backend's readiness: each descriptor's waiters, its interest
 * in the worker's epoll set (permanent for the runtime's own sockets, else one-shot per wait), and
 * the retries when it fires. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "backend_epoll.h"
#include "util.h"

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

/* ------------------------------------------------------------------------------------------ */
/* Permanent registrations                                                                    */

/* A one-shot interest costs an epoll_ctl per wait (EPOLL_CTL_MOD to re-arm it), where Tokio
 * registers a socket once, edge-triggered, and waits for free: on the echo bench that call was
 * a third of the server's system calls. A permanent registration is safe only while the
 * number still names the file epoll watches: the program owns raw numbers, and may close(2)
 * one without ac_close (epoll then forgets the file silently) and get the same number back
 * from pipe(2), socket(2) or dup(2); a wait trusting the old registration would then never
 * see an event. So:
 *  - Only descriptors the runtime created (ac_accept, ac_socket and what is built on them) get
 *    a permanent registration, and only from their creation to their ac_close: a table by
 *    number holds a generation, odd while the runtime owns the number, bumped at creation and
 *    at ac_close; a registration is trusted only in the generation it was made in. Every other
 *    descriptor keeps a one-shot interest armed per wait, which re-checks the file each time.
 *  - A descriptor created by the runtime but closed with close(2) and reused by the program
 *    keeps its generation: the one case left. Each worker lists the descriptors whose waits
 *    trusted a registration, and every period re-arms (EPOLL_CTL_MOD, ADD when epoll no
 *    longer knows the number) those that waited a whole period without an event: a wait costs
 *    nothing while events come, at most one epoll_ctl when it lasts, and in that case it is
 *    late by at most two periods instead of for ever. The period is at least SWEEP_MIN_NS
 *    because waits of 100 ms are ordinary on a busy server (echo with 10,000 connections: a
 *    round trip took about 110 ms), and each one re-armed would cost the call this saves. It
 *    grows (see adapt_period) where many waits outlast it, as they all do on a loaded server
 *    with thousands of connections (round trips of 0.25-0.5 s at 10,000: 0.76-1.45 epoll_ctl
 *    per request with a fixed 250 ms), and goes back to the minimum as soon as a re-arm finds
 *    a registration epoll had forgotten: a program that closes the runtime's sockets with
 *    close(2) keeps the short period.
 *  - Each worker has its own epoll set: a task that moved to another worker leaves a
 *    registration behind whose events find no waiter. The worker drops it (EPOLL_CTL_DEL) at
 *    the first such event when another worker's set has taken a wait on the descriptor since
 *    (fd_owner says whose did last), else after IDLE_MAX of those in a row, so a moved
 *    connection does not wake its old worker. (After IDLE_MAX only, every move cost about four
 *    events for nobody in the old set, each one taken, polled and looked at, and each one a
 *    possible wake of that worker: 0.26 per request at 1,000 echo connections.) */
#define SWEEP_MIN_NS 250000000ull  /* 250 ms */
#define SWEEP_MAX_NS 2000000000ull /* 2 s */
#define IDLE_MAX 4

static _Atomic uint32_t *fd_gens; /* by descriptor number; 0 and even: not the runtime's */
/* By descriptor number: the struct ep's me whose set took the last wait on a permanent
 * registration of it (0: none). Written only when it changes: a connection that stays on one
 * worker never writes the line the other workers read. */
static _Atomic uint16_t *fd_owner;
static unsigned nfd_gens;

static void fds_alloc(void)
{
    struct rlimit rl;
    rlim_t n = getrlimit(RLIMIT_NOFILE, &rl) == 0 ? rl.rlim_max : 65536;
    if (n > (1u << 22)) /* beyond: one-shot interests only (calloc'd pages cost when touched) */
        n = 1u << 22;
    fd_gens = calloc(n, sizeof *fd_gens);
    fd_owner = fd_gens ? calloc(n, sizeof *fd_owner) : NULL;
    if (!fd_owner) {
        free(fd_gens);
        fd_gens = NULL;
    }
    nfd_gens = fd_gens ? (unsigned)n : 0;
}

/* e's set takes a wait on fd's permanent registration: fd is e's now. */
static void claim(struct ep *e, int fd)
{
    if ((unsigned)fd < nfd_gens && atomic_load_explicit(&fd_owner[fd], memory_order_relaxed) != e->me)
        atomic_store_explicit(&fd_owner[fd], e->me, memory_order_relaxed);
}

/* Whether another worker's set took a wait on fd after e's last one (a hint: a stale answer
 * costs a registration made again, never a lost event). */
static bool claimed_elsewhere(struct ep *e, int fd)
{
    if ((unsigned)fd >= nfd_gens)
        return false;
    uint16_t owner = atomic_load_explicit(&fd_owner[fd], memory_order_relaxed);
    return owner && owner != e->me;
}

bool ac__ep_fds_init(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, fds_alloc);
    return fd_gens != NULL;
}

/* The next generation of fd: odd (owned by the runtime) after step 2, even after step 1. */
static void next_gen(int fd, uint32_t step)
{
    if (fd >= 0 && (unsigned)fd < nfd_gens)
        atomic_store_explicit(&fd_gens[fd], (atomic_load_explicit(&fd_gens[fd], memory_order_relaxed) | 1) + step,
                              memory_order_relaxed);
}

void ac__ep_fd_created(int fd)
{
    next_gen(fd, 2);
}

void ac__ep_fd_closing(int fd)
{
    next_gen(fd, 1);
}

/* The generation of fd while the runtime owns it, else 0. */
static uint32_t owned_gen(int fd)
{
    if ((unsigned)fd >= nfd_gens)
        return 0;
    uint32_t g = atomic_load_explicit(&fd_gens[fd], memory_order_relaxed);
    return g & 1 ? g : 0;
}

/* Registers interest in events of fd: permanent and edge-triggered when the runtime owns fd
 * and events are among ET_EVENTS, else one-shot. A descriptor number may have been closed and
 * reused behind our back: epoll then knows the old file, not this one, so MOD finds nothing
 * and we ADD. Returns 0, 1 when epoll had forgotten a registration we made, or -errno. */
static int arm(struct ep *e, int fd, struct fd_entry *x, uint32_t events)
{
    uint32_t gen = (events & ~ET_EVENTS) ? 0 : owned_gen(fd);
    struct epoll_event ev = {.events = gen ? ET_EVENTS : events | EPOLLONESHOT,
                             .data.u64 = (uint64_t)fd};
    int op = x->registered ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
    int r = epoll_ctl(e->epfd, op, fd, &ev);
    bool forgotten = r < 0 && op == EPOLL_CTL_MOD && errno == ENOENT;
    if (r < 0 && errno == (op == EPOLL_CTL_MOD ? ENOENT : EEXIST))
        r = epoll_ctl(e->epfd, op == EPOLL_CTL_MOD ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, fd, &ev);
    if (r < 0)
        return -errno;
    x->registered = true;
    x->et = gen != 0;
    x->gen = gen;
    x->armed = gen ? ET_EVENTS : events;
    x->seen = e->sweeps;
    return forgotten;
}

/* Whether x's registration covers events without a call: permanent, made in the generation
 * the runtime owns fd in now. */
static bool trusted(int fd, struct fd_entry *x, uint32_t events)
{
    return x->et && x->registered && (events & ~ET_EVENTS) == 0 && x->gen == owned_gen(fd);
}

/* A wait trusts x's registration: list fd for the sweep. */
static void watch(struct ep *e, int fd, struct fd_entry *x)
{
    if (x->listed)
        return;
    if (e->nwatch == e->capwatch) {
        unsigned n = e->capwatch ? 2 * e->capwatch : 64;
        int *more = realloc(e->watch, n * sizeof *more);
        if (!more) { /* no room to watch it: arm it instead (a call, but never a lost wait) */
            x->et = false;
            return;
        }
        e->watch = more;
        e->capwatch = n;
    }
    e->watch[e->nwatch++] = fd;
    x->listed = true;
    if (!e->sweep_ns)
        e->sweep_ns = SWEEP_MIN_NS;
    if (!e->next_sweep)
        e->next_sweep = ac__now_ns() + e->sweep_ns;
}

/* The waiters of x fail with r (their descriptor went away under them). */
static void fail_waiters(struct ep *e, struct fd_entry *x, int r)
{
    struct ac__op *op;
    while ((op = x->waiters)) {
        x->waiters = next_of(op);
        ac__ep_settle(op);
        ac__ep_complete(e, op, r);
    }
}

/* The sweep's period after a sweep that checked waits, re-armed rearmed of them although
 * epoll still knew their registration, and found one it had forgotten when lost. Doubles when
 * many waits outlast the period (at least GROW_MIN, and an eighth of those checked: a few long
 * waits cost a few calls, which is no reason to wait longer), halves after QUIET_SWEEPS sweeps
 * in a row that re-armed under a 64th, back to the minimum at once when lost. */
#define GROW_MIN 64
#define QUIET_SWEEPS 8

static void adapt_period(struct ep *e, unsigned checked, unsigned rearmed, bool lost)
{
    if (lost) {
        e->sweep_ns = SWEEP_MIN_NS;
        e->quiet = 0;
    } else if (rearmed >= GROW_MIN && rearmed > checked / 8) {
        if (e->sweep_ns < SWEEP_MAX_NS)
            e->sweep_ns *= 2;
        e->quiet = 0;
    } else if (rearmed < checked / 64 + 1 && e->sweep_ns > SWEEP_MIN_NS &&
               ++e->quiet >= QUIET_SWEEPS) {
        e->sweep_ns /= 2;
        e->quiet = 0;
    }
}

void ac__ep_sweep(struct ep *e, uint64_t now)
{
    if (!e->next_sweep || now < e->next_sweep)
        return;
    e->sweeps++;
    unsigned keep = 0, checked = 0, rearmed = 0;
    bool lost = false;
    for (unsigned i = 0; i < e->nwatch; i++) {
        int fd = e->watch[i];
        struct fd_entry *x = &e->fds[fd];
        if (x->waiters && x->et)
            checked++;
        if (x->waiters && x->et && x->seen + 1 >= e->sweeps) {
            e->watch[keep++] = fd; /* an event came in the last period: look again next time */
            continue;
        }
        x->listed = false;
        if (!x->waiters || !x->et)
            continue;
        /* A whole period without an event: make sure epoll knows this file (and whether it
         * is ready now: MOD re-checks, and reports it at once). */
        uint32_t want = 0;
        for (struct ac__op *o = x->waiters; o; o = next_of(o))
            want |= o->events;
        int r = arm(e, fd, x, want);
        if (r < 0)
            fail_waiters(e, x, r);
        lost |= r == 1;
        rearmed += r == 0;
    }
    e->nwatch = keep;
    adapt_period(e, checked, rearmed, lost);
    e->next_sweep = keep ? now + e->sweep_ns : 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Waiting                                                                                    */

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
    if (trusted(fd, x, want))
        watch(e, fd, x); /* (which gives the trust up when it has no memory to list fd) */
    /* Else arm, also when another waiter's one-shot interest seems to cover ours: that one may
     * be for a file the number no longer names (closed under its waiter, which then waits for
     * ever, as io_uring's would, and the number taken again), and MOD re-checks the file
     * named now. (Two waits with the same events on a descriptor the runtime did not create
     * cost a call more.) */
    if (!trusted(fd, x, want)) {
        int r = arm(e, fd, x, want);
        if (r < 0)
            return r;
    }
    x->idle = 0;
    if (x->et)
        claim(e, fd);
    op->events = (uint16_t)events; /* poll(2)'s and epoll's readiness bits: the low 16 */
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

/* Makes the splices in the list wait on the end that stopped them now: an input that became
 * readable while the output was full (or the other way round) left the op on the wrong
 * descriptor, whose readiness called it again and again (a worker spun there, starving the
 * task that would drain the output). */
static void wait_elsewhere(struct ep *e, struct ac__op *list)
{
    for (struct ac__op *op = list, *next; op; op = next) {
        next = next_of(op);
        int r = ac__ep_add_waiter(e, op, ac__ep_interest(op));
        if (r < 0) {
            ac__ep_settle(op);
            ac__ep_complete(e, op, r);
        }
    }
}

/* Notes whether a plain recv on x's descriptor left it empty (see fd_entry.drained). */
void ac__ep_note_recv(struct fd_entry *x, struct ac__op *op, int res)
{
    if (op->kind == AC__OP_RECV && op->a.rw.flags == 0)
        x->drained = res > 0 && (size_t)res < op->a.rw.len;
}

/* fd is ready (its interest fired): the waiters whose events came try again. */
void ac__ep_fd_ready(struct ep *e, int fd, uint32_t revents)
{
    if ((unsigned)fd >= e->nfds)
        return;
    struct fd_entry *x = &e->fds[fd];
    x->drained = false;
    x->seen = e->sweeps;
    if (x->et) {
        if (!x->waiters && (++x->idle >= IDLE_MAX || claimed_elsewhere(e, fd))) {
            /* Nobody here waits on it any more (its task moved): stop its events here. The
             * worker it moved to may be closing fd meanwhile; then this finds it gone (EBADF,
             * ENOENT) or, its number taken again, not in this set: this set takes waits only
             * from this worker's tasks, and none ran since the event was taken. A raw system
             * call, so that ThreadSanitizer, which sees a close on one thread and an epoll_ctl
             * on another as a race on the descriptor, does not report this one. */
            syscall(SYS_epoll_ctl, e->epfd, EPOLL_CTL_DEL, fd, NULL);
            x->registered = x->et = false;
            x->armed = 0;
            x->idle = 0;
        }
    } else {
        x->armed = 0;
    }
    uint32_t want = 0;
    struct ac__op **pp = &x->waiters, *op, *moved = NULL;
    while ((op = *pp)) {
        if (revents & (op->events | EPOLLERR | EPOLLHUP)) {
            int res = ac__ep_try_call(op);
            ac__ep_note_recv(x, op, res);
            if (res != -EAGAIN || ac__ep_op_fd(op) != fd) {
                *pp = next_of(op); /* unlinked before complete: op may go away there */
                if (res == -EAGAIN) { /* a splice that now waits on its other end */
                    set_next(op, moved);
                    moved = op;
                    continue;
                }
                ac__ep_settle(op);
                ac__ep_complete(e, op, res);
                continue;
            }
        }
        want |= op->events;
        pp = (struct ac__op **)&op->be.ep.job.next;
    }
    if (want && !x->et) { /* a one-shot interest to arm again */
        int r = arm(e, fd, x, want);
        if (r < 0) /* the descriptor went away under its waiters */
            fail_waiters(e, x, r);
    }
    wait_elsewhere(e, moved); /* after: x may move when the table grows */
}
