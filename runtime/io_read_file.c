/* runtime/io_read_file.c: ac_read_file, reading a file from its start in one submission: an
 * openat into a direct descriptor of the worker's ring, a read and a close, hard-linked so the
 * close runs whatever happens before it. Without a free slot: an ordinary open, then the read
 * and the close linked. Either way the task is woken once, by the last completion. */
#include <errno.h>
#include <fcntl.h>

#include "asyncc/io.h"
#include "io_op.h"

enum { OPEN, READ, CLOSE, NOPS };

struct read_file_frame {
    unsigned state; /* 0 not started, 1 in flight, DONE */
    int slot;       /* the direct descriptor, or -1: an ordinary one */
    long ret;
    const char *path;
    char *buf;
    unsigned len;
    unsigned pending; /* completions still to come; the last one finishes */
    int open_res, read_res;
    _Atomic int done;
    struct ac__worker *worker;
    ac_waker waker;
    struct ac__op ops[NOPS];
    struct ac__cancel cancel;
};

static struct read_file_frame *frame_of(struct ac__op *op, int k)
{
    return (struct read_file_frame *)((char *)(op - k) - offsetof(struct read_file_frame, ops));
}

/* One completion fewer; the last one wakes the task. */
static void settle(struct read_file_frame *f)
{
    if (--f->pending)
        return;
    f->ret = f->open_res < 0 ? f->open_res : f->read_res;
    ac_waker w = f->waker;
    f->waker.task = NULL;
    /* After this store the frame may be freed by its owner at any moment. */
    atomic_store_explicit(&f->done, 1, memory_order_release);
    ac_waker_wake(w);
}

/* The read of descriptor fd (a slot when fixed is IOSQE_FIXED_FILE) into sqes[0], hard-linked
 * to its close in sqes[1]. */
static void prep_read_close(struct read_file_frame *f, struct io_uring_sqe **sqes, int fd,
                            unsigned fixed)
{
    io_uring_prep_read(sqes[0], fd, f->buf, f->len, 0);
    sqes[0]->flags |= IOSQE_IO_HARDLINK | fixed;
    io_uring_sqe_set_data(sqes[0], &f->ops[READ]);
    if (fixed)
        io_uring_prep_close_direct(sqes[1], (unsigned)fd);
    else
        io_uring_prep_close(sqes[1], fd);
    io_uring_sqe_set_data(sqes[1], &f->ops[CLOSE]);
}

static void open_done(struct ac__op *op, int res, unsigned flags)
{
    (void)flags;
    struct read_file_frame *f = frame_of(op, OPEN);
    f->open_res = res;
    if (f->slot < 0 && res >= 0) { /* an ordinary descriptor: now read it and close it */
        struct io_uring_sqe *sqes[2];
        ac__ring_sqes(f->worker, 2, sqes);
        prep_read_close(f, sqes, res, 0);
        f->pending += 2;
    }
    settle(f);
}

static void read_done(struct ac__op *op, int res, unsigned flags)
{
    (void)flags;
    struct read_file_frame *f = frame_of(op, READ);
    f->read_res = res;
    if (res > 0)
        AC__KERNEL_WROTE(f->buf, (size_t)res);
    settle(f);
}

static void close_done(struct ac__op *op, int res, unsigned flags)
{
    (void)res, (void)flags;
    struct read_file_frame *f = frame_of(op, CLOSE);
    if (f->slot >= 0) { /* completions run on the ring's own worker: the stack is ours */
        struct ac__worker *w = f->worker;
        w->free_slots[w->nfree_slots++] = (unsigned short)f->slot;
    }
    settle(f);
}

static void start(struct read_file_frame *f, ac_cx *cx)
{
    struct ac__worker *w = cx->worker;
    if (!w)
        ac__panic("%s: I/O started outside the runtime's workers", "ac_read_file");
    f->worker = w;
    f->waker = ac_cx_waker(cx);
    f->ops[OPEN].complete = open_done;
    f->ops[READ].complete = read_done;
    f->ops[CLOSE].complete = close_done;
    atomic_store_explicit(&f->done, 0, memory_order_relaxed);
    if (w->nfree_slots) {
        f->slot = w->free_slots[--w->nfree_slots];
        struct io_uring_sqe *sqes[3];
        ac__ring_sqes(w, 3, sqes);
        io_uring_prep_openat_direct(sqes[0], AT_FDCWD, f->path, O_RDONLY, 0, (unsigned)f->slot);
        sqes[0]->flags |= IOSQE_IO_HARDLINK;
        io_uring_sqe_set_data(sqes[0], &f->ops[OPEN]);
        prep_read_close(f, sqes + 1, f->slot, IOSQE_FIXED_FILE);
        f->pending = 3;
    } else {
        f->slot = -1;
        struct io_uring_sqe *sqe = ac__ring_sqe(w);
        io_uring_prep_openat(sqe, AT_FDCWD, f->path, O_RDONLY | O_CLOEXEC, 0);
        io_uring_sqe_set_data(sqe, &f->ops[OPEN]);
        f->pending = 1;
    }
}

static int read_file_poll(void *frame, ac_cx *cx)
{
    struct read_file_frame *f = frame;
    switch (f->state) {
    case 0:
        if (!ac__coop_proceed(cx))
            return AC_PENDING;
        start(f, cx);
        f->state = 1;
        return AC_PENDING;
    case 1:
        if (!atomic_load_explicit(&f->done, memory_order_acquire))
            return AC_PENDING;
        break;
    default:
        ac__panic("an I/O future polled after it finished");
    }
    f->state = AC_STATE_DONE;
    return AC_READY;
}

static void read_file_drop(void *frame, ac_cx *cx)
{
    (void)cx;
    struct read_file_frame *f = frame;
    if (f->state == 1)
        ac__io_cancel_ops(f->worker, f->ops, NOPS, &f->done, &f->cancel);
    f->state = AC_STATE_DONE;
}

AC__LEAF_TYPE(ac_read_file, struct read_file_frame, ret, read_file_poll, read_file_drop,
              "io_uring read_file");

AC_EXPORT void ac__init_ac_read_file(void *frame, const char *path, void *buf, size_t len);
void ac__init_ac_read_file(void *frame, const char *path, void *buf, size_t len)
{
    struct read_file_frame *f = frame;
    f->state = 0;
    f->ret = 0;
    f->path = path;
    f->buf = buf;
    f->len = len > 0x7ffff000u ? 0x7ffff000u : (unsigned)len;
    f->open_res = f->read_res = 0;
}
