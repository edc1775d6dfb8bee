/* runtime/backend_uring.c: the io_uring backend: each worker's ring (setup, its table of direct
 * descriptors, batched submission, waiting with the timer deadline, dispatching completions,
 * cancellation by user_data) and the eventfd that wakes it. */
#include <errno.h>
#include <fcntl.h>
#include <liburing.h>
#include <limits.h>
#include <linux/stat.h>
#include <sys/stat.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <unistd.h>

#include "backend.h"
#include "task.h"
#include "worker.h"

/* Slots in each ring's table of direct descriptors by default (see file_slots). */
#define DEFAULT_SLOTS 256u
/* Prepared SQEs go to the kernel when this many have gathered (or the oldest is 30 us old). */
#define SUBMIT_BATCH 32
/* Completions the ring holds at least: a server with thousands of connections gets a completion
 * from most of them at once, and those that do not fit the ring overflow into a kernel list, an
 * allocation each (at 10,000 echo connections and 1,024 entries, 4% of the completions did).
 * 16 bytes each. */
#define MIN_CQ 8192u
/* Descriptors below this have a "drained" note (see uring.drained): 128 KiB per worker. */
#define DRAINED_FDS 65536u
/* A note older than this many cheap-clock units of about 30 us (1 ms) is ignored. */
#define DRAINED_FRESH 33u

struct uring {
    struct io_uring ring;
    int eventfd;
    uint64_t eventfd_value;
    unsigned ops;      /* ops submitted and not yet completed */
    bool wait_in_poll; /* waits in poll, not io_uring_enter (under valgrind or TSan) */
    /* Free slots of the table of direct descriptors (ac_read_file): a stack. */
    unsigned short *free_slots;
    unsigned nfree_slots;
    /* Per descriptor, when (in units of about 30 us, odd, 0 for never) the last plain recv here
     * got less than it asked for and the kernel said the socket had nothing more (no
     * IORING_CQE_F_SOCK_NONEMPTY). A recv less than 1 ms after that most likely finds nothing:
     * it is submitted with IORING_RECVSEND_POLL_FIRST, which waits for data without the first
     * non-blocking try. In a request-response protocol that try nearly always fails: echo at 50
     * connections made 1.8 socket reads per request, 0.8-1.0 with this, and about 10% less
     * server CPU per request. Later, the peer has often answered meanwhile (at 10,000
     * connections up to 45% of first tries found data): then trying first costs less than
     * arming a poll that is ready at once. Only a hint, as the epoll backend's fd_entry.drained: the poll checks readiness as
     * it is armed, so data that came meanwhile is read at once, also when the number now names
     * another socket. */
    uint16_t drained[DRAINED_FDS];
    /* The cheap clock in the units of drained, as last read by this backend (each dispatch,
     * each time a flush looks at the time): the notes need no clock of their own, which cost
     * two reads per request (rdtsc takes about 13 ns in this VM). A note or a check late by
     * one poll only shifts a hint. */
    uint16_t drained_clock;
};

/* Reads the cheap clock, and keeps it for the drained notes. */
static inline uint64_t read_clock(struct uring *u)
{
    uint64_t now = ac__cheap_clock();
    u->drained_clock = (uint16_t)(now / AC__CHEAP_30US) | 1;
    return now;
}

static inline uint16_t drained_now(struct uring *u)
{
    return u->drained_clock;
}

/* An SQE's user_data: the op's address, with the step of a chain in its low bits (ops are
 * 8-aligned). 0 is a cancel request's, EVENTFD the wakeup read's. */
enum { SINGLE, OPEN, READ, CLOSE, STEP_MASK = 3 };
#define EVENTFD_DATA ((uint64_t)4)

static inline struct uring *U(struct ac__worker *w)
{
    return w->io;
}

static unsigned dispatch(struct ac__worker *w, unsigned max);

/* ------------------------------------------------------------------------------------------ */
/* Submission                                                                                 */

static int submit_now(struct ac__worker *w)
{
    w->flush_since = 0;
    int r = io_uring_submit(&U(w)->ring);
    if (r < 0 && r != -EBUSY && r != -EAGAIN && r != -EINTR)
        ac__panic("io_uring_submit: %s", strerror(-r));
    return r;
}

/* Counts n SQEs prepared, and dates the batch they open. */
static inline void note_prepared(struct ac__worker *w, unsigned n)
{
    AC__STAT_ADD(w, io_submitted, n);
    if (!w->flush_since)
        w->flush_since = read_clock(U(w));
}

/* n consecutive SQEs, all submitted together (a linked chain): what was prepared before is
 * submitted to make room, and completions are dispatched when the kernel has no room for
 * more of them. */
static void get_sqes(struct ac__worker *w, unsigned n, struct io_uring_sqe **sqes)
{
    struct io_uring *ring = &U(w)->ring;
    while (io_uring_sq_space_left(ring) < n)
        if (submit_now(w) <= 0)
            dispatch(w, UINT_MAX);
    for (unsigned i = 0; i < n; i++)
        sqes[i] = io_uring_get_sqe(ring);
    note_prepared(w, n);
}

/* get_sqes for one, without its checks of the room left while there is room. */
static inline struct io_uring_sqe *get_sqe(struct ac__worker *w)
{
    struct io_uring_sqe *sqe = io_uring_get_sqe(&U(w)->ring);
    if (AC__UNLIKELY(!sqe))
        get_sqes(w, 1, &sqe);
    else
        note_prepared(w, 1);
    return sqe;
}

static void arm_eventfd(struct ac__worker *w)
{
    struct uring *u = U(w);
    struct io_uring_sqe *sqe = get_sqe(w);
    io_uring_prep_read(sqe, u->eventfd, &u->eventfd_value, sizeof u->eventfd_value, 0);
    io_uring_sqe_set_data64(sqe, EVENTFD_DATA);
}


/* ac_read_file: an openat into a direct descriptor, a read and a close, hard-linked so that
 * the close runs whatever happens before it; without a free slot an ordinary open, then (from
 * its completion) the read and the close linked. The op completes with the last of them. */
static void prep_read_close(struct ac__op *op, struct io_uring_sqe **sqes, int fd, unsigned fixed)
{
    io_uring_prep_read(sqes[0], fd, op->a.read_file.buf, op->a.read_file.len, 0);
    sqes[0]->flags |= IOSQE_IO_HARDLINK | fixed;
    io_uring_sqe_set_data64(sqes[0], (uint64_t)(uintptr_t)op | READ);
    if (fixed)
        io_uring_prep_close_direct(sqes[1], (unsigned)fd);
    else
        io_uring_prep_close(sqes[1], fd);
    io_uring_sqe_set_data64(sqes[1], (uint64_t)(uintptr_t)op | CLOSE);
}

/* The chain's state in op: state counts the completions still to come, bits is the slot
 * (0xffff: an ordinary descriptor). */
#define NO_SLOT 0xffffu

static void start_read_file(struct ac__worker *w, struct ac__op *op)
{
    struct uring *u = U(w);
    op->be.chain.open_res = op->be.chain.read_res = 0;
    if (u->nfree_slots && !op->a.read_file.regular) {
        unsigned slot = u->free_slots[--u->nfree_slots];
        op->bits = (uint16_t)slot;
        struct io_uring_sqe *sqes[3];
        get_sqes(w, 3, sqes);
        io_uring_prep_openat_direct(sqes[0], AT_FDCWD, op->a.read_file.path, O_RDONLY, 0, slot);
        sqes[0]->flags |= IOSQE_IO_HARDLINK;
        io_uring_sqe_set_data64(sqes[0], (uint64_t)(uintptr_t)op | OPEN);
        prep_read_close(op, sqes + 1, (int)slot, IOSQE_FIXED_FILE);
        op->state = 3;
    } else {
        /* ac_read_regular_file: an ordinary descriptor, whose type fstat tells before the read;
         * O_NONBLOCK, so that opening a FIFO does not wait for its writer. */
        op->bits = NO_SLOT;
        struct io_uring_sqe *sqe = get_sqe(w);
        int nonblock = op->a.read_file.regular ? O_NONBLOCK : 0;
        io_uring_prep_openat(sqe, AT_FDCWD, op->a.read_file.path, O_RDONLY | O_CLOEXEC | nonblock, 0);
        io_uring_sqe_set_data64(sqe, (uint64_t)(uintptr_t)op | OPEN);
        op->state = 1;
    }
}

/* pread(2) and pwrite(2) refuse a descriptor without a file position (a pipe, a socket, a
 * terminal) with -ESPIPE; io_uring reads or writes such a file as a stream instead, so an
 * ac_pread of an empty pipe would wait for a writer. The same call with no bytes asks the
 * kernel's own question, at once. Returns the error, or 0. */
static int positioned_refused(const struct ac__op *op)
{
    if ((op->kind != AC__OP_READ && op->kind != AC__OP_WRITE) || op->a.rw.offset < 0)
        return 0;
    ssize_t r = op->kind == AC__OP_READ ? pread(op->a.rw.fd, NULL, 0, op->a.rw.offset)
                                        : pwrite(op->a.rw.fd, NULL, 0, op->a.rw.offset);
    return r < 0 && errno == ESPIPE ? -ESPIPE : 0;
}

/* ThreadSanitizer follows a descriptor's life only through the calls it intercepts: closed by
 * the ring, a number that the ring (an accept) then made again and a close(2) ended looked to it
 * like one made on one thread and closed on another without synchronization (runtime.cancel_fds
 * under TSan, now and then). Built for it, the runtime closes with close(2), which TSan sees. */
#if AC__BUILT_FOR_TSAN
#define TSAN_CLOSE 1
#endif

static bool uring_submit(struct ac__worker *w, struct ac__op *op)
{
    if ((op->res = positioned_refused(op)) < 0)
        return true;
#ifdef TSAN_CLOSE
    if (op->kind == AC__OP_CLOSE) {
        op->res = close(op->a.ints.a) < 0 ? -errno : 0;
        return true;
    }
#endif
    U(w)->ops++;
    if (op->kind == AC__OP_READ_FILE) {
        start_read_file(w, op);
        return false;
    }
    struct io_uring_sqe *sqe = get_sqe(w);
    union ac__op_args *a = &op->a;
    switch ((enum ac__op_kind)op->kind) {
    case AC__OP_READ:
        io_uring_prep_read(sqe, a->rw.fd, a->rw.buf, ac__rw_chunk(a->rw.len), (uint64_t)a->rw.offset);
        break;
    case AC__OP_WRITE:
        io_uring_prep_write(sqe, a->rw.fd, a->rw.buf, ac__rw_chunk(a->rw.len), (uint64_t)a->rw.offset);
        break;
    case AC__OP_RECV:
        io_uring_prep_recv(sqe, a->rw.fd, a->rw.buf, ac__rw_chunk(a->rw.len), a->rw.flags);
        if (a->rw.flags == 0 && (unsigned)a->rw.fd < DRAINED_FDS) {
            uint16_t at = U(w)->drained[a->rw.fd];
            if (at && (uint16_t)(drained_now(U(w)) - at) < DRAINED_FRESH)
                sqe->ioprio |= IORING_RECVSEND_POLL_FIRST;
        }
        break;
    case AC__OP_SEND:
        io_uring_prep_send(sqe, a->rw.fd, a->rw.buf, ac__rw_chunk(a->rw.len), a->rw.flags | MSG_NOSIGNAL);
        break;
    case AC__OP_OPEN:
        io_uring_prep_openat(sqe, AT_FDCWD, a->path.path, a->path.flags | O_CLOEXEC, a->path.mode);
        break;
    case AC__OP_CLOSE:
        io_uring_prep_close(sqe, a->ints.a);
        break;
    case AC__OP_FSYNC:
        io_uring_prep_fsync(sqe, a->ints.a, 0);
        break;
    case AC__OP_STATX:
        io_uring_prep_statx(sqe, AT_FDCWD, a->statx.path, 0, STATX_BASIC_STATS, a->statx.out);
        break;
    case AC__OP_SOCKET:
        io_uring_prep_socket(sqe, a->ints.a, a->ints.b | SOCK_CLOEXEC, a->ints.c, 0);
        break;
    case AC__OP_ACCEPT:
        io_uring_prep_accept(sqe, a->accept.fd, a->accept.addr, a->accept.lenp, SOCK_CLOEXEC);
        break;
    case AC__OP_CONNECT:
        io_uring_prep_connect(sqe, a->connect.fd, a->connect.addr, a->connect.len);
        break;
    case AC__OP_SHUTDOWN:
        io_uring_prep_shutdown(sqe, a->ints.a, a->ints.b);
        break;
    case AC__OP_POLL:
        io_uring_prep_poll_add(sqe, a->ints.a, (unsigned)a->ints.b);
        break;
    case AC__OP_READV:
        io_uring_prep_readv(sqe, a->vec.fd, a->vec.iov, (unsigned)a->vec.cnt, (uint64_t)-1);
        break;
    case AC__OP_WRITEV:
        io_uring_prep_writev(sqe, a->vec.fd, a->vec.iov, (unsigned)a->vec.cnt, (uint64_t)-1);
        break;
    case AC__OP_SENDMSG:
        io_uring_prep_sendmsg(sqe, a->msg.fd, a->msg.msg, (unsigned)a->msg.flags | MSG_NOSIGNAL);
        break;
    case AC__OP_RECVMSG:
        io_uring_prep_recvmsg(sqe, a->msg.fd, a->msg.msg, (unsigned)a->msg.flags);
        break;
    case AC__OP_SPLICE:
        io_uring_prep_splice(sqe, a->splice.in, a->splice.off_in, a->splice.out,
                             a->splice.off_out, a->splice.len, a->splice.flags);
        break;
    case AC__OP_UNLINK:
        io_uring_prep_unlinkat(sqe, AT_FDCWD, a->path.path, a->path.flags);
        break;
    case AC__OP_MKDIR:
        io_uring_prep_mkdirat(sqe, AT_FDCWD, a->path.path, a->path.mode);
        break;
    case AC__OP_RENAME:
        io_uring_prep_renameat(sqe, AT_FDCWD, a->rename.from, AT_FDCWD, a->rename.to, 0);
        break;
    case AC__OP_READ_FILE:
    case AC__OP_NKINDS:
        ac__panic("io_uring backend: unknown op kind %u", op->kind);
    }
    io_uring_sqe_set_data64(sqe, (uint64_t)(uintptr_t)op);
    return false;
}

static void uring_cancel(struct ac__worker *w, struct ac__op *op)
{
    /* A chain starts its next op only when one finishes, so a cancel can fall between two ops
     * and find none: the caller cancels again until the completion comes. */
    unsigned first = op->kind == AC__OP_READ_FILE ? OPEN : SINGLE;
    unsigned last = op->kind == AC__OP_READ_FILE ? CLOSE : SINGLE;
    for (unsigned step = first; step <= last; step++) {
        /* Making room may dispatch the op's completion: the cancel then finds nothing, and no
         * other op of this ring can take the address before it is submitted below. */
        struct io_uring_sqe *sqe = get_sqe(w);
        io_uring_prep_cancel64(sqe, (uint64_t)(uintptr_t)op | step, 0);
        io_uring_sqe_set_data64(sqe, 0);
    }
    submit_now(w);
}

/* Whether the prepared SQEs are due: a batch has gathered, or the oldest has waited long (or
 * its age is unknown: a submission the kernel took only in part). */
static bool flush_due(struct ac__worker *w)
{
    return io_uring_sq_ready(&U(w)->ring) >= SUBMIT_BATCH || !w->flush_since ||
           read_clock(U(w)) - w->flush_since > AC__CHEAP_30US;
}

static void uring_flush(struct ac__worker *w)
{
    if (flush_due(w))
        submit_now(w);
}

/* ------------------------------------------------------------------------------------------ */
/* Completions                                                                                */

/* Notes whether a plain recv left its socket empty (see uring.drained). */
static void note_recv(struct uring *u, struct ac__op *op, int res, unsigned cflags)
{
    if (op->kind != AC__OP_RECV || op->a.rw.flags != 0 || (unsigned)op->a.rw.fd >= DRAINED_FDS)
        return;
    bool drained = res > 0 && (size_t)res < op->a.rw.len && !(cflags & IORING_CQE_F_SOCK_NONEMPTY);
    u->drained[op->a.rw.fd] = drained ? drained_now(u) : 0;
}

static void finish(struct uring *u, struct ac__op *op, int res)
{
    op->res = res;
    u->ops--;
    op->complete(op);
}

/* ac_read_file's chain opened fd, an ordinary descriptor: reads and closes it, or for
 * ac_read_regular_file of what is no regular file only closes it, the refusal its result. */
static void read_opened(struct ac__worker *w, struct ac__op *op, int fd)
{
    struct stat st;
    int refused = 0;
    if (op->a.read_file.regular) {
        refused = fstat(fd, &st) < 0 ? -errno : ac__not_regular(st.st_mode);
        if (refused == 0)
            ac__read_file_stat(op, &st);
        if (refused == 0 && fcntl(fd, F_SETFL, 0) < 0) /* O_NONBLOCK was the only one set */
            refused = -errno;
    }
    if (refused < 0) {
        op->be.chain.open_res = refused;
#ifdef TSAN_CLOSE
        close(fd); /* see below */
        return;
#endif
        struct io_uring_sqe *sqe = get_sqe(w);
        io_uring_prep_close(sqe, fd);
        io_uring_sqe_set_data64(sqe, (uint64_t)(uintptr_t)op | CLOSE);
        op->state += 1;
        return;
    }
#ifdef TSAN_CLOSE
    /* Built for TSan, the descriptor is closed with close(2) once the read completed (chain_step),
     * not by the ring: TSan, which never saw the ring close it, took the number's next life (a
     * pool thread's opendir, a dropped ac_open's descriptor) for the same descriptor and reported
     * its fstat here and the other thread's close as a race. */
    struct io_uring_sqe *read = get_sqe(w);
    io_uring_prep_read(read, fd, op->a.read_file.buf, op->a.read_file.len, 0);
    io_uring_sqe_set_data64(read, (uint64_t)(uintptr_t)op | READ);
    op->state += 1;
    return;
#endif
    struct io_uring_sqe *sqes[2];
    get_sqes(w, 2, sqes);
    prep_read_close(op, sqes, fd, 0);
    op->state += 2;
}

/* One completion of ac_read_file's chain; the last one completes the op. */
static void chain_step(struct ac__worker *w, struct ac__op *op, unsigned step, int res)
{
    struct uring *u = U(w);
    switch (step) {
    case OPEN:
        op->be.chain.open_res = res;
        if (op->bits == NO_SLOT && res >= 0) /* an ordinary descriptor: read it, close it */
            read_opened(w, op, res);
        break;
    case READ:
        op->be.chain.read_res = res;
        if (res > 0)
            AC__KERNEL_WROTE(op->a.read_file.buf, (size_t)res);
#ifdef TSAN_CLOSE
        if (op->bits == NO_SLOT)
            close(op->be.chain.open_res); /* read_opened left it to us */
#endif
        break;
    default: /* CLOSE */
        if (op->bits != NO_SLOT)
            u->free_slots[u->nfree_slots++] = op->bits;
        break;
    }
    if (--op->state)
        return;
    finish(u, op, op->be.chain.open_res < 0 ? op->be.chain.open_res : op->be.chain.read_res);
}

static void eventfd_done(struct ac__worker *w, int res)
{
    if (res < 0 && res != -EINTR && res != -EAGAIN && res != -ECANCELED)
        ac__panic("reading the wakeup eventfd: %s", strerror(-res));
    if (!atomic_load_explicit(&w->rt->stopping, memory_order_acquire) || res != -ECANCELED)
        arm_eventfd(w);
}

static unsigned dispatch(struct ac__worker *w, unsigned max)
{
    struct uring *u = U(w);
    struct io_uring_cqe *cqes[64];
    unsigned total = 0;
    bool saved = ac__driver_enter();
    while (total < max) {
        unsigned n = io_uring_peek_batch_cqe(&u->ring, cqes, max - total < 64 ? max - total : 64);
        if (!n)
            break;
        read_clock(u);
        /* Each completion's op lies in its task's frame, cold when connections are many: fetch
         * them all before the first one is looked at. */
        for (unsigned i = 0; i < n; i++)
            __builtin_prefetch((void *)(uintptr_t)(cqes[i]->user_data & ~(uint64_t)STEP_MASK), 1);
        for (unsigned i = 0; i < n; i++) {
            uint64_t data = cqes[i]->user_data;
            int res = cqes[i]->res;
            unsigned cflags = cqes[i]->flags;
            /* Mark it seen first: the completion may free the op and submit new ones. */
            io_uring_cqe_seen(&u->ring, cqes[i]);
            if (data == EVENTFD_DATA) {
                eventfd_done(w, res);
                continue;
            }
            struct ac__op *op = (struct ac__op *)(uintptr_t)(data & ~(uint64_t)STEP_MASK);
            if (!op)
                continue; /* a cancel request's own completion */
            if (data & STEP_MASK) {
                chain_step(w, op, (unsigned)(data & STEP_MASK), res);
                continue;
            }
            note_recv(u, op, res, cflags);
            finish(u, op, res);
        }
        AC__STAT_ADD(w, io_completed, n);
        total += n;
    }
    ac__driver_leave(saved);
    return total;
}

/* Whether the kernel holds completions back until the worker enters it (COOP_TASKRUN: they
 * wait as task work, which the kernel flags) while the CQ has none: a reap must enter then. */
static bool completions_held(struct io_uring *ring)
{
    return !io_uring_cq_ready(ring) &&
           (IO_URING_READ_ONCE(*ring->sq.kflags) & (IORING_SQ_TASKRUN | IORING_SQ_CQ_OVERFLOW));
}

/* Prepared SQEs go with the reap when it enters the kernel anyway, or when they are due; else
 * they stay for the batch (a reap between polls, every 61 of them, submitted a third of the
 * echo server's io_uring_enter calls, a few SQEs each). */
static unsigned uring_reap(struct ac__worker *w, unsigned max)
{
    struct io_uring *ring = &U(w)->ring;
    if (io_uring_sq_ready(ring) && (completions_held(ring) || flush_due(w)))
        submit_now(w);
    return dispatch(w, max);
}

/* Waits in poll until the ring has a completion (see under_valgrind). */
static void wait_in_poll(struct ac__worker *w, uint64_t deadline)
{
    struct uring *u = U(w);
    submit_now(w);
    if (io_uring_cq_ready(&u->ring))
        return;
    struct pollfd p = {.fd = u->ring.ring_fd, .events = POLLIN};
    int ms = -1;
    if (deadline != UINT64_MAX) {
        uint64_t now = ac__now_ns();
        uint64_t left = deadline > now ? (deadline - now + 999999) / 1000000 : 0;
        ms = left > INT_MAX ? INT_MAX : (int)left;
    }
    if (poll(&p, 1, ms) < 0 && errno != EINTR)
        ac__panic("poll on the io_uring: %s", strerror(errno));
}

static void uring_wait(struct ac__worker *w, uint64_t deadline)
{
    struct uring *u = U(w);
    struct io_uring_cqe *cqe;
    int r;
    w->flush_since = 0;
    if (u->wait_in_poll) {
        wait_in_poll(w, deadline);
        return;
    }
    if (deadline == UINT64_MAX) {
        r = io_uring_submit_and_wait_timeout(&u->ring, &cqe, 1, NULL, NULL);
    } else {
        uint64_t now = ac__now_ns();
        uint64_t ns = deadline > now ? deadline - now : 0;
        struct __kernel_timespec ts = {.tv_sec = (long long)(ns / 1000000000u),
                                       .tv_nsec = (long long)(ns % 1000000000u)};
        r = io_uring_submit_and_wait_timeout(&u->ring, &cqe, 1, &ts, NULL);
    }
    if (r < 0 && r != -ETIME && r != -EINTR && r != -EBUSY && r != -EAGAIN)
        ac__panic("io_uring_enter: %s", strerror(-r));
}

static void uring_wake(struct ac__worker *w)
{
    uint64_t one = 1;
    ssize_t n;
    do {
        n = write(U(w)->eventfd, &one, sizeof one);
    } while (n < 0 && errno == EINTR);
}

static unsigned uring_inflight(struct ac__worker *w)
{
    return U(w)->ops;
}

/* The ring's completion queue is shared memory: its tail (written by the kernel) and head
 * (written under w's io_lock) can be read by anyone. */
static unsigned uring_ready(struct ac__worker *w)
{
    struct io_uring_cq *cq = &U(w)->ring.cq;
    return __atomic_load_n(cq->ktail, __ATOMIC_ACQUIRE) - __atomic_load_n(cq->khead, __ATOMIC_RELAXED);
}

/* ------------------------------------------------------------------------------------------ */
/* Setup                                                                                      */

/* A table of direct descriptors (a sparse fixed-file table) for chains that open, use and
 * close a file in one submission (the configuration's file_slots). The kernel refuses a table
 * larger than RLIMIT_NOFILE; without a free slot such chains use ordinary descriptors. */
static void register_slots(struct ac__worker *w)
{
    struct uring *u = U(w);
    int want = w->rt->config.file_slots;
    unsigned n = want < 0 ? 0 : want == 0 ? DEFAULT_SLOTS : want > 65535 ? 65535 : (unsigned)want;
    struct rlimit lim;
    if (getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur < n)
        n = (unsigned)lim.rlim_cur;
    if (!n || !(u->free_slots = malloc(n * sizeof *u->free_slots)))
        return;
    if (io_uring_register_files_sparse(&u->ring, n) < 0) {
        free(u->free_slots);
        u->free_slots = NULL;
        return;
    }
    for (unsigned i = 0; i < n; i++)
        u->free_slots[i] = (unsigned short)(n - 1 - i);
    u->nfree_slots = n;
}

/* Valgrind runs one thread at a time and (3.19 at least) keeps that lock across an
 * io_uring_enter that waits, so a worker waiting there would stop every other thread for good.
 * Under valgrind a worker waits in poll on the ring's descriptor instead, which valgrind knows
 * may block; the ring is readable once a completion is there. (Valgrind puts its preload
 * library in the environment of the program it runs.) */
static bool under_valgrind(void)
{
    const char *preload = getenv("LD_PRELOAD");
    return preload && strstr(preload, "vgpreload");
}

static const char *setup_advice(int err)
{
    switch (err) {
    case EPERM:
        return "the kernel refused it (the kernel.io_uring_disabled sysctl, or a seccomp "
               "profile such as a container runtime's default one)";
    case ENOSYS:
        return "this kernel has no io_uring (it needs Linux 5.19 or later, built with "
               "CONFIG_IO_URING), or a seccomp filter hides it";
    case ENOMEM:
        return "not enough locked memory for the rings (ulimit -l), or too many workers";
    default:
        return "io_uring is unavailable";
    }
}

/* Every operation this backend submits, for the probe below; the newest, IORING_OP_SOCKET and
 * the sparse file table, came with Linux 5.19. */
#define OP(name) {IORING_OP_##name, "IORING_OP_" #name}
static const struct {
    int op;
    const char *name;
} used_ops[] = {
    OP(ACCEPT), OP(ASYNC_CANCEL), OP(CLOSE), OP(CONNECT), OP(FSYNC), OP(MKDIRAT), OP(OPENAT),
    OP(POLL_ADD), OP(READ), OP(READV), OP(RECV), OP(RECVMSG), OP(RENAMEAT), OP(SEND),
    OP(SENDMSG), OP(SHUTDOWN), OP(SOCKET), OP(SPLICE), OP(STATX), OP(UNLINKAT), OP(WRITE),
    OP(WRITEV),
};
#undef OP

/* An older kernel sets up a ring (without the flags it does not know) whose io_uring lacks
 * operations the runtime submits: each such call would fail with -EINVAL long after the start.
 * Refused here instead, so that the automatic choice takes the epoll backend. */
static int check_ops(struct io_uring *ring, char *why, size_t whylen)
{
    size_t size = sizeof(struct io_uring_probe) + 256 * sizeof(struct io_uring_probe_op);
    struct io_uring_probe *probe = calloc(1, size);
    if (!probe) {
        snprintf(why, whylen, "out of memory");
        return -ENOMEM;
    }
    /* -EINVAL before Linux 5.6; a seccomp filter that lets io_uring_setup through but not
     * io_uring_register says so with its own error. */
    int r = io_uring_register_probe(ring, probe, 256);
    const char *missing = r == -EINVAL ? "IORING_REGISTER_PROBE" : NULL;
    for (size_t i = 0; r >= 0 && !missing && i < sizeof used_ops / sizeof used_ops[0]; i++)
        if (!io_uring_opcode_supported(probe, used_ops[i].op))
            missing = used_ops[i].name;
    free(probe);
    if (r < 0 && !missing) {
        snprintf(why, whylen, "io_uring_register failed: %s: %s", strerror(-r), setup_advice(-r));
        return r;
    }
    if (!missing)
        return 0;
    snprintf(why, whylen, "this kernel's io_uring lacks %s (asyncc needs Linux 5.19 or later)",
             missing);
    return -EOPNOTSUPP;
}

/* A seccomp filter may let io_uring_setup through and refuse io_uring_enter: every submission
 * would then fail. One no-op submitted and waited for at start finds out, so that the
 * automatic choice takes the epoll backend instead. */
static int check_enter(struct io_uring *ring, char *why, size_t whylen)
{
    struct io_uring_sqe *sqe = io_uring_get_sqe(ring);
    struct io_uring_cqe *cqe;
    io_uring_prep_nop(sqe);
    io_uring_sqe_set_data64(sqe, 0);
    int r;
    do
        r = io_uring_submit_and_wait(ring, 1);
    while (r == -EINTR);
    if (r < 0) {
        snprintf(why, whylen, "io_uring_enter failed: %s: %s", strerror(-r), setup_advice(-r));
        return r;
    }
    if (io_uring_peek_cqe(ring, &cqe) == 0)
        io_uring_cqe_seen(ring, cqe);
    return 0;
}

static int uring_init(struct ac__worker *w, unsigned entries, char *why, size_t whylen)
{
    struct uring *u = calloc(1, sizeof *u);
    if (!u) {
        snprintf(why, whylen, "out of memory");
        return -ENOMEM;
    }
    if (entries < 8)
        entries = 8; /* room for a linked chain besides a few ops */
    struct io_uring_params p;
    memset(&p, 0, sizeof p);
    p.flags = IORING_SETUP_SUBMIT_ALL | IORING_SETUP_CQSIZE;
    /* Completions are delivered when the worker enters the kernel anyway (it polls its ring
     * between tasks), so the kernel need not interrupt it for them. */
    p.flags |= IORING_SETUP_COOP_TASKRUN | IORING_SETUP_TASKRUN_FLAG;
    p.cq_entries = entries * 4 < MIN_CQ ? MIN_CQ : entries * 4;
    int r = io_uring_queue_init_params(entries, &u->ring, &p);
    if (r == -EINVAL) { /* an older kernel without these flags */
        memset(&p, 0, sizeof p);
        r = io_uring_queue_init_params(entries, &u->ring, &p);
    }
    if (r < 0) {
        snprintf(why, whylen, "io_uring_setup failed: %s: %s", strerror(-r), setup_advice(-r));
        free(u);
        return r;
    }
    if (ac__fd_out_of_reach(&u->ring.ring_fd) == 0)
        u->ring.enter_ring_fd = u->ring.ring_fd; /* not registered: the ring's own descriptor */
    if ((r = check_ops(&u->ring, why, whylen)) < 0 ||
        (r = check_enter(&u->ring, why, whylen)) < 0) {
        io_uring_queue_exit(&u->ring);
        free(u);
        return r;
    }
    u->eventfd = eventfd(0, EFD_CLOEXEC);
    ac__fd_out_of_reach(&u->eventfd);
    if (u->eventfd < 0) {
        r = -errno;
        snprintf(why, whylen, "eventfd failed: %s", strerror(errno));
        io_uring_queue_exit(&u->ring);
        free(u);
        return r;
    }
    /* ThreadSanitizer runs a signal's handler only once the thread the kernel chose for it
     * reaches a call it intercepts: a worker asleep in io_uring_enter (a raw system call) held a
     * signal for as long as nothing woke it, and ac_signal never heard of it (one sent and
     * awaited at a time was lost after a few hundred). poll is a call TSan knows may block: it
     * runs the handler at once. */
    u->wait_in_poll = under_valgrind() || AC__BUILT_FOR_TSAN;
    read_clock(u);
    w->io = u;
    register_slots(w);
    arm_eventfd(w);
    return 0;
}

static void uring_destroy(struct ac__worker *w)
{
    struct uring *u = U(w);
    if (!u)
        return;
    io_uring_queue_exit(&u->ring);
    close(u->eventfd);
    free(u->free_slots);
    free(u);
    w->io = NULL;
}

const struct ac__backend_ops ac__backend_uring = {
    .name = "io_uring",
    .init = uring_init,
    .destroy = uring_destroy,
    .submit = uring_submit,
    .cancel = uring_cancel,
    .flush = uring_flush,
    .wait = uring_wait,
    .reap = uring_reap,
    .wake = uring_wake,
    .inflight = uring_inflight,
    .ready = uring_ready,
    .hands_over = true,
};
