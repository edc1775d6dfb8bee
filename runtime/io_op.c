/* runtime/io_op.c: submitting an operation to the polling worker's ring, its completion waking
 * the task, and synchronous cancellation on drop (the kernel is done before the frame dies). */
#include <sched.h>

#include "io_op.h"

static void io_complete(struct ac__op *op, int res, unsigned flags)
{
    (void)flags;
    struct ac__io *io = (struct ac__io *)((char *)op - offsetof(struct ac__io, op));
    io->res = res;
    ac_waker w = io->waker;
    io->waker.task = NULL;
    /* After this store the frame may be freed by its owner at any moment. */
    atomic_store_explicit(&io->done, 1, memory_order_release);
    ac_waker_wake(w);
}

static void submit(struct ac__io_frame *f, ac_cx *cx)
{
    struct ac__worker *w = cx->worker;
    if (!w)
        ac__panic("%s: I/O started outside the runtime's workers", "io");
    struct io_uring_sqe *sqe = ac__ring_sqe(w);
    f->desc->prep(sqe, f);
    io_uring_sqe_set_data(sqe, &f->io.op);
    f->io.op.complete = io_complete;
    f->io.worker = w;
    atomic_store_explicit(&f->io.done, 0, memory_order_relaxed);
    if (!f->io.waker.task)
        f->io.waker = ac_cx_waker(cx);
}

int ac__io_finish(struct ac__io_frame *f, int res)
{
    f->ret = res;
    return 1;
}

int ac__io_finish_read(struct ac__io_frame *f, int res)
{
    if (res > 0)
        AC__KERNEL_WROTE(f->u.rw.buf, (size_t)res);
    return ac__io_finish(f, res);
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
        submit(f, cx);
        f->state = 1;
        return AC_PENDING;
    case 1:
        if (!atomic_load_explicit(&f->io.done, memory_order_acquire))
            return AC_PENDING;
        if (!f->desc->finish(f, f->io.res)) {
            submit(f, cx); /* a short transfer of a looping call */
            return AC_PENDING;
        }
        break;
    default:
        ac__panic("an I/O future polled after it finished");
    }
    f->state = AC_STATE_DONE;
    return AC_READY;
}

/* Asks the owner of another worker's ring to cancel ops[0..n), once each, and waits until it
 * has taken every request; meanwhile keeps our own ring moving (its owner might wait for us). */
static void cancel_remote(struct ac__worker *w, struct ac__op *ops, unsigned n,
                          struct ac__cancel *c, _Atomic int *done)
{
    struct ac__worker *me = ac__current;
    for (unsigned k = 0; k < n && !atomic_load_explicit(done, memory_order_acquire); k++) {
        atomic_store_explicit(&c->taken, 0, memory_order_relaxed);
        c->op = &ops[k];
        ac__ring_cancel_remote(w, c);
        while (!atomic_load_explicit(&c->taken, memory_order_acquire)) {
            if (me) {
                ac__process_cancels(me);
                ac__ring_poll(me, false, 0);
            }
            sched_yield();
        }
    }
}

/* Cancels ops on our own ring (or, at shutdown, any ring: every ring is ours then). */
static void cancel_local(struct ac__worker *w, struct ac__op *ops, unsigned n, _Atomic int *done)
{
    struct ac__worker *saved = ac__current;
    ac__current = w;
    for (unsigned k = 0; k < n; k++) {
        struct io_uring_sqe *sqe = ac__ring_sqe(w);
        if (!atomic_load_explicit(done, memory_order_acquire))
            io_uring_prep_cancel64(sqe, (uint64_t)(uintptr_t)&ops[k], 0);
        else
            io_uring_prep_nop(sqe); /* making room completed it; the SQE must still be used */
        io_uring_sqe_set_data(sqe, NULL);
    }
    ac__ring_poll(w, true, UINT64_MAX);
    ac__current = saved;
}

void ac__io_cancel_ops(struct ac__worker *w, struct ac__op *ops, unsigned n, _Atomic int *done,
                       struct ac__cancel *c)
{
    /* A chain starts its next op only when one finishes, so a cancel can fall between two ops
     * and find none: cancel again until the last completion has arrived. */
    while (!atomic_load_explicit(done, memory_order_acquire)) {
        if (w != ac__current && !atomic_load(&w->rt->halted)) {
            cancel_remote(w, ops, n, c, done);
            for (int i = 0; i < 64 && !atomic_load_explicit(done, memory_order_acquire); i++)
                sched_yield();
        } else {
            cancel_local(w, ops, n, done);
        }
    }
}

void ac__io_cancel_sync(struct ac__io *io)
{
    ac__io_cancel_ops(io->worker, &io->op, 1, &io->done, &io->cancel);
}

void ac__io_drop(void *frame, ac_cx *cx)
{
    (void)cx;
    struct ac__io_frame *f = frame;
    if (f->state == 1)
        ac__io_cancel_sync(&f->io);
    f->state = AC_STATE_DONE;
}
