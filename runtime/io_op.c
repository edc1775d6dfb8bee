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

/* Waits for an op of another worker's ring: that worker submits the cancel and reaps. */
static void cancel_remote(struct ac__io *io)
{
    struct ac__worker *me = ac__current;
    atomic_store_explicit(&io->cancel.taken, 0, memory_order_relaxed);
    io->cancel.op = &io->op;
    ac__ring_cancel_remote(io->worker, &io->cancel);
    while (!atomic_load_explicit(&io->done, memory_order_acquire) ||
           !atomic_load_explicit(&io->cancel.taken, memory_order_acquire)) {
        if (me) { /* keep our own ring moving: its owner might be waiting for us */
            ac__process_cancels(me);
            ac__ring_poll(me, false, 0);
        }
        sched_yield();
    }
}

void ac__io_cancel_sync(struct ac__io *io)
{
    if (atomic_load_explicit(&io->done, memory_order_acquire))
        return;
    struct ac__worker *w = io->worker;
    struct ac__runtime *rt = w->rt;
    if (w != ac__current && !atomic_load(&rt->halted)) {
        cancel_remote(io);
        return;
    }
    /* Our own ring (or, at shutdown, every ring is ours). */
    struct ac__worker *saved = ac__current;
    ac__current = w;
    struct io_uring_sqe *sqe = ac__ring_sqe(w);
    if (!atomic_load_explicit(&io->done, memory_order_acquire)) {
        io_uring_prep_cancel64(sqe, (uint64_t)(uintptr_t)&io->op, 0);
        io_uring_sqe_set_data(sqe, NULL);
        while (!atomic_load_explicit(&io->done, memory_order_acquire))
            ac__ring_poll(w, true, UINT64_MAX);
    } else {
        io_uring_prep_nop(sqe); /* making room completed it; the SQE must still be used */
        io_uring_sqe_set_data(sqe, NULL);
    }
    ac__current = saved;
}

void ac__io_drop(void *frame, ac_cx *cx)
{
    (void)cx;
    struct ac__io_frame *f = frame;
    if (f->state == 1)
        ac__io_cancel_sync(&f->io);
    f->state = AC_STATE_DONE;
}
