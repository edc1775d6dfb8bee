/* runtime/io_op.c: an operation future: submitted to the polling worker's backend, its
 * completion waking the task, and synchronous cancellation on drop (the kernel and the
 * blocking pool are done with the op's memory before the frame dies). */
#include <errno.h>
#include <sched.h>
#include <unistd.h>

#include "io_op.h"
#include "task.h"

static void io_complete(struct ac__op *op)
{
    struct ac__io_frame *f = (struct ac__io_frame *)((char *)op - offsetof(struct ac__io_frame, op));
    ac_waker w = f->waker;
    f->waker.task = NULL;
    /* After this store the frame may be freed by its owner at any moment. */
    atomic_store_explicit(&f->done, 1, memory_order_release);
    ac_waker_wake(w);
}

/* Submits f's op on the polling worker; returns true when it finished at once. */
static bool submit(struct ac__io_frame *f, ac_cx *cx)
{
    struct ac__worker *w = cx->worker;
    if (!w)
        ac__panic("%s: I/O started outside the runtime's workers", f->op.kind == AC__OP_READ_FILE ? "ac_read_file" : "io");
    f->op.complete = io_complete;
    f->worker = w;
    f->op.epoch = ac__fork_epoch;
    atomic_store_explicit(&f->done, 0, memory_order_relaxed);
    ac__spin_lock(&w->io_lock);
    bool now = w->be->submit(w, &f->op);
    /* The completion is dispatched under this lock (by this worker, or by the monitor when
     * this poll lasts): the waker is in place before anyone can take it. */
    if (!now && !f->waker.task)
        f->waker = ac_cx_waker(cx);
    ac__spin_unlock(&w->io_lock);
    return now;
}

int ac__io_finish(struct ac__io_frame *f, int res)
{
    f->ret = res;
    return 1;
}

int ac__io_finish_read(struct ac__io_frame *f, int res)
{
    if (res > 0)
        AC__KERNEL_WROTE(f->op.a.rw.buf, (size_t)res);
    return ac__io_finish(f, res);
}

/* Starts f's op (again, for a looping call that needs more of it); AC_READY when the call
 * finished without waiting. Out of line: the poll that finds its op completed, half of every
 * call, need not save what this one uses. */
static int __attribute__((noinline)) start(struct ac__io_frame *f, ac_cx *cx)
{
    /* What a dropped read took from this descriptor comes first (io_keep.c). */
    for (long kept; ac__keep_take(&f->op, &kept);)
        if (f->finish(f, (int)kept))
            goto done;
    /* Submit, and again while the op finishes at once and the call needs more of it. */
    while (submit(f, cx))
        if (f->finish(f, f->op.res))
            goto done;
    return AC_PENDING;
done:
    f->state = AC_STATE_DONE;
    return AC_READY;
}

int ac__io_poll(void *frame, ac_cx *cx)
{
    struct ac__io_frame *f = frame;
    switch (f->state) {
    case 0:
        /* The budget is spent when an op is submitted, not when it completes: a completed op
         * must be reported at once, or dropping the future would lose its data. */
        if (!ac__coop_proceed(cx))
            return AC_PENDING;
        f->state = 1;
        return start(f, cx);
    case AC__IO_AT_ONCE:
        if (!ac__coop_proceed(cx))
            return AC_PENDING;
        break;
    case 1:
        if (!atomic_load_explicit(&f->done, memory_order_acquire))
            return AC_PENDING;
        if (!f->finish(f, f->op.res))
            return start(f, cx);
        break;
    default:
        ac__panic("an I/O future polled after it finished");
    }
    f->state = AC_STATE_DONE;
    return AC_READY;
}

/* Asks the owner of another worker to cancel op and waits until it has taken the request;
 * meanwhile keeps our own backend moving (its owner might wait for us). */
static void cancel_remote(struct ac__worker *w, struct ac__op *op)
{
    struct ac__worker *me = ac__current;
    atomic_store_explicit(&op->cancel_taken, 0, memory_order_relaxed);
    ac__backend_cancel_remote(w, op);
    while (!atomic_load_explicit(&op->cancel_taken, memory_order_acquire)) {
        if (me) {
            ac__spin_lock(&me->io_lock);
            ac__process_cancels(me);
            ac__backend_reap(me);
            ac__spin_unlock(&me->io_lock);
        }
        sched_yield();
    }
}

/* Cancels op on our own worker (or, at shutdown, any worker: every one is ours then) and
 * waits for a completion. Whether op is done is asked under the lock: until we hold it, the
 * monitor may be dispatching this worker's completions (a poll that lasts: monitor.c), op's
 * among them, and the epoll backend has nothing to cancel then, nor anything to wake a wait
 * for ever (a worker asleep in epoll_wait with its queue full, a whole runtime hung). */
static void cancel_local(struct ac__worker *w, struct ac__op *op, _Atomic int *done)
{
    struct ac__worker *saved = ac__current;
    ac__current = w;
    ac__spin_lock(&w->io_lock);
    if (!atomic_load_explicit(done, memory_order_acquire)) {
        w->be->cancel(w, op);
        ac__backend_wait(w, UINT64_MAX);
        ac__backend_reap(w);
    }
    ac__spin_unlock(&w->io_lock);
    ac__current = saved;
}

void ac__io_cancel_sync(struct ac__worker *w, struct ac__op *op, _Atomic int *done)
{
    /* Submitted by the parent process: its backend is not ours, nothing will complete it, and
     * the kernel writes only into the parent's copy of its memory (fork.c). */
    if (AC__UNLIKELY(op->epoch != ac__fork_epoch) && !atomic_load_explicit(done, memory_order_acquire)) {
        op->res = -ECANCELED;
        atomic_store_explicit(done, 1, memory_order_release);
        return;
    }
    /* A chain (ac_read_file on io_uring) starts its next op only when one finishes, so a
     * cancel can fall between two ops and find none: cancel again until the completion. */
    while (!atomic_load_explicit(done, memory_order_acquire)) {
        if (w != ac__current && !atomic_load(&w->rt->halted)) {
            cancel_remote(w, op);
            for (int i = 0; i < 64 && !atomic_load_explicit(done, memory_order_acquire); i++)
                sched_yield();
        } else {
            cancel_local(w, op, done);
        }
    }
}

/* Closes the descriptor that a dropped open, socket or accept made after all: the kernel
 * completed it in the instant of the cancel (io_uring cancels no open or socket once it has
 * started; an accept may meet its connection), or on the epoll backend's pool, and nobody
 * else will ever see the number. */
static void close_created(struct ac__io_frame *f)
{
    enum ac__op_kind k = f->op.kind;
    if (f->op.res >= 0 && (k == AC__OP_OPEN || k == AC__OP_SOCKET || k == AC__OP_ACCEPT)) {
        ac__ep_fd_closing(f->op.res);
        close(f->op.res);
    }
}

void ac__io_drop(void *frame, ac_cx *cx)
{
    (void)cx;
    struct ac__io_frame *f = frame;
    if (f->state == 1) {
        ac__io_cancel_sync(f->worker, &f->op, &f->done);
        ac__keep_dropped(f);
        close_created(f);
    }
    f->state = AC_STATE_DONE;
}
