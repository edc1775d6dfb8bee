/* runtime/backend_epoll.h: the epoll backend's state shared by its files: a worker's epoll set,
 * the waiters of each descriptor, the op states, and the calls between the files. */
#ifndef ASYNCC_RUNTIME_BACKEND_EPOLL_H
#define ASYNCC_RUNTIME_BACKEND_EPOLL_H

#include <errno.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/epoll.h>

#include "backend.h"
#include "worker.h"

#define MAX_EVENTS 128
#define EVENTFD_DATA UINT64_MAX

/* The ops that wait for one descriptor's readiness on this worker, and its registration. */
struct fd_entry {
    struct ac__op *waiters; /* linked through be.ep.job.next */
    uint32_t armed;         /* events registered: a one-shot interest not yet fired, or ET_EVENTS */
    bool registered;        /* epoll knows the descriptor (ADD done, not closed through us) */
    /* The registration is edge-triggered and permanent (ET_EVENTS), made while the runtime
     * owned the descriptor in generation gen (see epoll_ready.c, "Permanent registrations"). */
    bool et;
    bool listed;   /* in e->watch */
    uint8_t idle;  /* events that found no waiter here since the last wait began */
    uint32_t gen;  /* the descriptor's generation when et was registered */
    uint32_t seen; /* e->sweeps when epoll last showed it knows the descriptor (an event, an arm) */
    /* The last plain recv here got less than it asked for, and no readiness came since: the
     * socket is most likely empty, so the next recv waits for readiness without trying first
     * (a request-response protocol's next recv nearly always finds nothing: a recvfrom saved
     * per request). Only a hint: data that came meanwhile is reported at once (arming
     * re-checks readiness; a permanent registration reported its edge, which also clears the
     * note), also when the number now names another socket (arming; or the sweep). */
    bool drained;
};

/* What a permanent registration asks for. */
#define ET_EVENTS (EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET)

struct ep {
    int epfd, eventfd;
    uint16_t me; /* 1 + the worker's index (see epoll_ready.c, fd_owner) */
    struct fd_entry *fds;
    unsigned nfds;
    struct epoll_event events[MAX_EVENTS];
    int nevents;    /* harvested by wait, not yet dispatched */
    bool harvested; /* wait looked since the last reap: reap need not look again */
    uint32_t look_tick; /* the owner's tick at its last look (see look_due) */
    /* The last look took as many events as it asked for: more may wait in the kernel (read by
     * other workers, see ep_ready). */
    _Atomic unsigned more;
    bool no_pwait2; /* the kernel lacks epoll_pwait2 (before 5.11): ms timeouts */
    /* Completions to dispatch (cancelled waiters), first to last. */
    struct ac__op *ready, **ready_tail;
    /* Ops finished on pool threads, pushed there (a stack). */
    struct ac__op *_Atomic pool_done;
    unsigned ops; /* ops submitted and not yet completed */
    /* Descriptors whose waits trust a permanent registration, checked every sweep_ns (see
     * epoll_ready.c); the next check is due at next_sweep (0: none listed). */
    int *watch;
    unsigned nwatch, capwatch;
    uint32_t sweeps;
    unsigned quiet; /* sweeps in a row that re-armed few waits (see adapt_period) */
    uint64_t next_sweep, sweep_ns;
};

/* op->state */
enum { IDLE, WAITING, ON_POOL, READY };
/* op->bits */
enum {
    PLAIN = 1,            /* the file has no RWF_NOWAIT: plain read/write once it is ready */
    RESTORE_BLOCKING = 2, /* connect made the socket non-blocking: make it blocking again */
    SPLICE_OUT = 4,       /* a splice waits for its output (else for its input) */
    READ_FILE_FD = 8      /* ac_read_file opened something that is no regular file: op->res
                             is its descriptor, read by readiness like a pipe */
};
/* op->events of an op on the pool: a cancel asked it not to start. */
#define POOL_CANCELLED 1u

static inline struct ep *E(struct ac__worker *w)
{
    return w->io;
}

static inline struct ac__op *next_of(struct ac__op *op)
{
    return (struct ac__op *)op->be.ep.job.next;
}

static inline void set_next(struct ac__op *op, struct ac__op *next)
{
    op->be.ep.job.next = (struct ac__pool_job *)next;
}

static inline int neg_errno(long r)
{
    return r < 0 ? -errno : (int)r;
}

/* epoll_calls.c: the calls and the blocking pool */

/* Tries op without blocking: its result, or -EAGAIN when it would block. */
int ac__ep_try_call(struct ac__op *op);
/* Hands op to the blocking pool; its completion comes back through e->pool_done. */
void ac__ep_to_pool(struct ac__worker *w, struct ac__op *op);
/* A file read or write that RWF_NOWAIT cut short at done bytes: its rest goes to the pool
 * (true), or the short count is the answer (false: a pipe or socket, or end of file). */
bool ac__ep_rest_to_pool(struct ac__worker *w, struct ac__op *op, long done);
/* Wakes e's worker out of epoll_wait (its eventfd); from any thread, async-signal-safe. */
void ac__ep_wake(struct ep *e);

/* epoll_ready.c: readiness */

/* The descriptor an op waits on. */
int ac__ep_op_fd(struct ac__op *op);
/* The events op waits for. */
uint32_t ac__ep_interest(struct ac__op *op);
/* Makes op wait until its descriptor is ready for events; -EPERM when the descriptor cannot be
 * polled (a regular file), another -errno when it is no descriptor. */
int ac__ep_add_waiter(struct ep *e, struct ac__op *op, uint32_t events);
/* The descriptor fd is ready with revents: its waiters whose events came try again. */
void ac__ep_fd_ready(struct ep *e, int fd, uint32_t revents);
/* Notes whether a plain recv on x's descriptor left it empty (see fd_entry.drained). */
void ac__ep_note_recv(struct fd_entry *x, struct ac__op *op, int res);
/* connect made op's socket non-blocking for its wait: blocking again. */
void ac__ep_restore_blocking(struct ac__op *op);
/* What an op that waited for readiness undoes before it completes. */
void ac__ep_settle(struct ac__op *op);
/* op is over with res: dispatches its completion. */
void ac__ep_complete(struct ep *e, struct ac__op *op, int res);
/* Sets up the table of runtime-created descriptors (once per process); false without memory. */
bool ac__ep_fds_init(void);
/* Checks the waits that trusted a permanent registration for a whole period without an event
 * (see epoll_ready.c) when a check is due at now. */
void ac__ep_sweep(struct ep *e, uint64_t now);

#endif
