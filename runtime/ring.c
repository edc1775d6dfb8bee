/* runtime/ring.c: each worker's io_uring: setup (with a clear message when io_uring is denied),
 * submitting, waiting with the timer deadline, dispatching completions, and the eventfd wakeup. */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <unistd.h>

#include "internal.h"

static void eventfd_complete(struct ac__op *op, int res, unsigned flags);

static void arm_eventfd(struct ac__worker *w)
{
    struct io_uring_sqe *sqe = ac__ring_sqe(w);
    io_uring_prep_read(sqe, w->eventfd, &w->eventfd_value, sizeof w->eventfd_value, 0);
    io_uring_sqe_set_data(sqe, &w->eventfd_op);
}

static void eventfd_complete(struct ac__op *op, int res, unsigned flags)
{
    (void)flags;
    struct ac__worker *w = (struct ac__worker *)((char *)op - offsetof(struct ac__worker, eventfd_op));
    if (res < 0 && res != -EINTR && res != -EAGAIN && res != -ECANCELED)
        ac__panic("reading the wakeup eventfd: %s", strerror(-res));
    if (!atomic_load_explicit(&w->rt->stopping, memory_order_acquire) || res != -ECANCELED)
        arm_eventfd(w);
}

_Noreturn static void io_uring_unavailable(int err)
{
    const char *why;
    switch (err) {
    case EPERM:
        why = "the kernel refused it (the kernel.io_uring_disabled sysctl, or a seccomp profile "
              "such as a container runtime's default one). Allow io_uring: sysctl "
              "kernel.io_uring_disabled=0, or run the container with a seccomp profile that "
              "permits io_uring_setup, io_uring_enter and io_uring_register";
        break;
    case ENOSYS:
        why = "this kernel has no io_uring (it needs Linux 5.19 or later, built with "
              "CONFIG_IO_URING), or a seccomp filter hides it. Upgrade the kernel or allow the "
              "io_uring system calls";
        break;
    case ENOMEM:
        why = "not enough locked memory for the rings. Raise the memlock limit (ulimit -l) or "
              "use fewer workers (ASYNCC_WORKERS)";
        break;
    default:
        why = "see the error above";
        break;
    }
    fprintf(stderr, "asyncc: cannot start the runtime: io_uring_setup failed: %s.\n"
                    "asyncc: io_uring is unavailable: %s.\n",
            strerror(err), why);
    fflush(stderr);
    _exit(70); /* EX_SOFTWARE */
}

/* A table of direct descriptors (a sparse fixed-file table) for chains that open, use and
 * close a file in one submission (the configuration's file_slots). The kernel refuses a table
 * larger than RLIMIT_NOFILE; without a free slot such chains use ordinary descriptors. */
static void register_slots(struct ac__worker *w)
{
    int want = w->rt->config.file_slots;
    unsigned n = want < 0 ? 0 : want == 0 ? AC__RING_SLOTS : want > 65536 ? 65536 : (unsigned)want;
    struct rlimit lim;
    if (getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur < n)
        n = (unsigned)lim.rlim_cur;
    w->free_slots = NULL;
    w->nfree_slots = 0;
    if (!n || io_uring_register_files_sparse(&w->ring, n) < 0)
        return;
    w->free_slots = malloc(n * sizeof *w->free_slots);
    if (!w->free_slots)
        ac__panic("out of memory");
    for (unsigned i = 0; i < n; i++)
        w->free_slots[i] = (unsigned short)(n - 1 - i);
    w->nfree_slots = n;
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

int ac__ring_init(struct ac__worker *w, unsigned entries)
{
    if (entries < 8)
        entries = 8; /* room for a linked chain (ac__ring_sqes) besides a few ops */
    struct io_uring_params p;
    memset(&p, 0, sizeof p);
    p.flags = IORING_SETUP_SUBMIT_ALL | IORING_SETUP_CQSIZE;
    /* Completions are delivered when the worker enters the kernel anyway (it polls its ring
     * between tasks), so the kernel need not interrupt it for them. */
    p.flags |= IORING_SETUP_COOP_TASKRUN | IORING_SETUP_TASKRUN_FLAG;
    p.cq_entries = entries * 4;
    int r = io_uring_queue_init_params(entries, &w->ring, &p);
    if (r == -EINVAL) { /* an older kernel without these flags */
        memset(&p, 0, sizeof p);
        r = io_uring_queue_init_params(entries, &w->ring, &p);
    }
    if (r < 0)
        io_uring_unavailable(-r);
    w->eventfd = eventfd(0, EFD_CLOEXEC);
    if (w->eventfd < 0)
        ac__panic("eventfd: %s", strerror(errno));
    w->eventfd_op.complete = eventfd_complete;
    w->inflight = 0;
    w->wait_in_poll = under_valgrind();
    register_slots(w);
    arm_eventfd(w);
    return 0;
}

void ac__ring_exit(struct ac__worker *w)
{
    io_uring_queue_exit(&w->ring);
    close(w->eventfd);
    free(w->free_slots);
    w->free_slots = NULL;
    w->nfree_slots = 0;
}

int ac__ring_submit(struct ac__worker *w)
{
    w->sq_since = 0;
    int r = io_uring_submit(&w->ring);
    if (r < 0 && r != -EBUSY && r != -EAGAIN && r != -EINTR)
        ac__panic("io_uring_submit: %s", strerror(-r));
    return r;
}

void ac__ring_sqes(struct ac__worker *w, unsigned n, struct io_uring_sqe **sqes)
{
    while (io_uring_sq_space_left(&w->ring) < n)
        if (ac__ring_submit(w) <= 0)
            ac__ring_poll(w, false, UINT64_MAX); /* make room in the completion queue */
    for (unsigned i = 0; i < n; i++)
        sqes[i] = io_uring_get_sqe(&w->ring);
    w->inflight += n;
    AC__STAT_ADD(w, io_submitted, n);
    if (!w->sq_since)
        w->sq_since = ac__cheap_clock();
}

struct io_uring_sqe *ac__ring_sqe(struct ac__worker *w)
{
    struct io_uring_sqe *sqe;
    ac__ring_sqes(w, 1, &sqe);
    return sqe;
}

static unsigned dispatch(struct ac__worker *w)
{
    struct io_uring_cqe *cqes[64];
    unsigned total = 0;
    bool saved = w->in_driver;
    w->in_driver = true;
    for (;;) {
        unsigned n = io_uring_peek_batch_cqe(&w->ring, cqes, 64);
        if (!n)
            break;
        for (unsigned i = 0; i < n; i++) {
            struct io_uring_cqe *cqe = cqes[i];
            struct ac__op *op = io_uring_cqe_get_data(cqe);
            int res = cqe->res;
            unsigned flags = cqe->flags;
            /* Mark it seen first: the completion may free the op and submit new ones. */
            io_uring_cqe_seen(&w->ring, cqe);
            if (!(flags & IORING_CQE_F_MORE))
                w->inflight--;
            if (op)
                op->complete(op, res, flags);
        }
        AC__STAT_ADD(w, io_completed, n);
        total += n;
    }
    w->in_driver = saved;
    return total;
}

/* Waits in poll until the ring has a completion (see under_valgrind). */
static void wait_in_poll(struct ac__worker *w, uint64_t deadline)
{
    ac__ring_submit(w);
    if (io_uring_cq_ready(&w->ring))
        return;
    struct pollfd p = {.fd = w->ring.ring_fd, .events = POLLIN};
    int ms = -1;
    if (deadline != UINT64_MAX) {
        uint64_t now = ac__now_ns();
        uint64_t left = deadline > now ? (deadline - now + 999999) / 1000000 : 0;
        ms = left > INT_MAX ? INT_MAX : (int)left;
    }
    if (poll(&p, 1, ms) < 0 && errno != EINTR)
        ac__panic("poll on the io_uring: %s", strerror(errno));
}

void ac__ring_wait(struct ac__worker *w, uint64_t deadline)
{
    int r;
    struct io_uring_cqe *cqe;
    w->sq_since = 0;
    if (w->wait_in_poll) {
        wait_in_poll(w, deadline);
        return;
    }
    if (deadline == UINT64_MAX) {
        r = io_uring_submit_and_wait_timeout(&w->ring, &cqe, 1, NULL, NULL);
    } else {
        uint64_t now = ac__now_ns();
        uint64_t ns = deadline > now ? deadline - now : 0;
        struct __kernel_timespec ts = {.tv_sec = (long long)(ns / 1000000000u),
                                       .tv_nsec = (long long)(ns % 1000000000u)};
        r = io_uring_submit_and_wait_timeout(&w->ring, &cqe, 1, &ts, NULL);
    }
    if (r < 0 && r != -ETIME && r != -EINTR && r != -EBUSY && r != -EAGAIN)
        ac__panic("io_uring_enter: %s", strerror(-r));
}

unsigned ac__ring_poll(struct ac__worker *w, bool wait, uint64_t deadline)
{
    if (wait) {
        ac__ring_wait(w, deadline);
    } else if (io_uring_sq_ready(&w->ring)) {
        ac__ring_submit(w);
    }
    return dispatch(w);
}

void ac__ring_wake(struct ac__worker *w)
{
    uint64_t one = 1;
    ssize_t n;
    do {
        n = write(w->eventfd, &one, sizeof one);
    } while (n < 0 && errno == EINTR);
}
