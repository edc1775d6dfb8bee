/* runtime/io_op.h: the generic io_uring operation future behind every async I/O call: its frame,
 * how an operation is described (prepare an SQE, interpret the result), and the type macro. */
#ifndef ASYNCC_RUNTIME_IO_OP_H
#define ASYNCC_RUNTIME_IO_OP_H

#include <linux/stat.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "internal.h"

/* One operation in flight on a worker's ring. Completion and cancellation run on that worker. */
struct ac__io {
    struct ac__op op;
    struct ac__cancel cancel;
    struct ac__worker *worker;
    ac_waker waker;
    int res;
    _Atomic int done;
};

struct ac__io_frame;

struct ac__io_desc {
    void (*prep)(struct io_uring_sqe *sqe, struct ac__io_frame *f);
    /* Interprets a completion: returns 1 with f->ret set when finished, 0 to submit again. */
    int (*finish)(struct ac__io_frame *f, int res);
};

struct ac__io_frame {
    unsigned state; /* 0 not started, 1 in flight, DONE */
    int pad_;
    long ret; /* the result; int-returning calls read its low half (little-endian x86-64) */
    const struct ac__io_desc *desc;
    struct ac__io io;
    union {
        struct {
            int fd;
            int flags;
            char *buf;
            size_t len, done;
            long long offset; /* -1: the file position */
        } rw;
        struct {
            const char *path;
            int flags;
            unsigned mode;
        } path;
        struct {
            const char *path;
            struct stat *out;
            struct statx stx;
        } stat;
        struct {
            int fd;
            socklen_t cap; /* *lenp when the call began: the room at addr */
            struct sockaddr *addr;
            socklen_t *lenp;
        } accept;
        struct {
            int fd;
            socklen_t len;
            struct sockaddr_storage storage;
        } connect;
        struct {
            int a, b, c;
        } ints;
        struct {
            int fd;
            int cnt;                 /* iovecs left from iov */
            const struct iovec *iov; /* the caller's, at the first one not fully written */
            size_t skip, done;       /* bytes of iov[0] written; bytes written in all */
            bool not_socket;         /* writev_all: sendmsg said ENOTSOCK, use writev */
            struct msghdr hdr;       /* writev_all on a socket: sendmsg of cur */
            struct iovec cur[8];     /* what the kernel reads: the next iovecs, adjusted */
        } vec;
        struct {
            int in, out;
            long long off_in, off_out; /* -1: the file position, or a pipe */
            size_t len, done, pending; /* sendfile: bytes in the pipe, not yet sent */
            unsigned flags;
            unsigned cap; /* sendfile: its pipe's capacity */
            int pipe[2];  /* sendfile's own pipe: -1 until the first poll */
        } splice;
        struct ac__io_msg {
            int fd;
            int flags;
            struct msghdr hdr;
            struct iovec iov;
            socklen_t *addrlen; /* recvfrom: where the sender's address length goes */
            struct sockaddr_storage addr; /* sendto: the copy of the destination */
        } msg;
    } u;
};

/* Finishes with the completion's result as the call's result. */
int ac__io_finish(struct ac__io_frame *f, int res);
/* The same for a single read into f->u.rw.buf (the kernel wrote res bytes there). */
int ac__io_finish_read(struct ac__io_frame *f, int res);
int ac__io_poll(void *frame, ac_cx *cx);
void ac__io_drop(void *frame, ac_cx *cx);
/* Cancels the operation in flight and returns once its completion has arrived. */
void ac__io_cancel_sync(struct ac__io *io);
/* The same for the ops of a chain on worker w's ring, until *done says the last completion has
 * arrived (c carries the requests when w is another worker). */
void ac__io_cancel_ops(struct ac__worker *w, struct ac__op *ops, unsigned n, _Atomic int *done,
                       struct ac__cancel *c);

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the io futures read an int result from the low half of a long"
#endif

/* The frame of an operation that uses member PART of the union: callers embed only that much
 * (the public headers promise these sizes as ac__frame_size_NAME). */
#define AC__IO_FRAME_SIZE(PART)                                                            \
    ((offsetof(struct ac__io_frame, u) + sizeof(((struct ac__io_frame *)0)->u.PART) +       \
      _Alignof(struct ac__io_frame) - 1) & ~(_Alignof(struct ac__io_frame) - 1))

/* Defines ac__type_NAME for an operation described by DESC returning RTYPE (int or long),
 * whose frame ends with union member PART. */
#define AC__IO_TYPE(NAME, DESC, RTYPE, PART)                                               \
    AC__LEAF_TYPE_SIZED(NAME, struct ac__io_frame, AC__IO_FRAME_SIZE(PART),                  \
                        offsetof(struct ac__io_frame, ret), sizeof(RTYPE), ac__io_poll,      \
                        ac__io_drop, "io_uring " #NAME)

static inline struct ac__io_frame *ac__io_frame_init(void *frame, const struct ac__io_desc *desc)
{
    struct ac__io_frame *f = frame;
    f->state = 0;
    f->ret = 0;
    f->desc = desc;
    f->io.worker = NULL;
    f->io.waker.task = NULL;
    return f;
}

#endif
