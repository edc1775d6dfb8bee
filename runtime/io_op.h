/* runtime/io_op.h: the generic operation future behind every async I/O call: its frame (an
 * ac__op of the polling worker's backend, and how its result is read), and the type macro. */
#ifndef ASYNCC_RUNTIME_IO_OP_H
#define ASYNCC_RUNTIME_IO_OP_H

#include <linux/stat.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "worker.h"

struct ac__io_frame;

/* Interprets a completion: returns 1 with f->ret set when the call is finished, 0 to submit
 * f->op again (a looping call after a short transfer, which advanced f->op's arguments). */
typedef int ac__io_finish_fn(struct ac__io_frame *f, int res);

struct ac__io_frame {
    unsigned state; /* 0 not started, 1 in flight, AC__IO_AT_ONCE, DONE */
    _Atomic int done; /* the op's completion has been dispatched (op.res holds its result) */
    long ret; /* the result; int-returning calls read its low half (little-endian x86-64) */
    ac__io_finish_fn *finish;
    struct ac__worker *worker; /* where the op was submitted (its completion runs there) */
    ac_waker waker;            /* held while an op is in flight */
    struct ac__op op;
    /* What some calls keep beside the op (callers embed only what their call uses). */
    union {
        struct {
            struct stat *out;
            struct statx stx;
        } stat;
        struct sockaddr_storage addr;
        struct {
            const struct iovec *iov; /* the caller's, at the first one not fully written */
            int cnt;                 /* iovecs left from iov */
            bool not_socket;         /* sendmsg said ENOTSOCK: writev from now on */
            size_t skip;             /* bytes of iov[0] written */
            struct msghdr hdr;       /* on a socket: sendmsg of cur */
            struct iovec cur[8];     /* what the kernel reads: the next iovecs, adjusted */
        } vec;                       /* writev_all */
        struct ac__io_msg {
            struct msghdr hdr;
            struct iovec iov;
            socklen_t *addrlen; /* recvfrom: where the sender's address length goes */
            struct sockaddr_storage addr; /* sendto: the copy of the destination */
        } msg;                            /* sendto, recvfrom */
        struct {
            struct msghdr *user;   /* the caller's header, which the first part filled */
            struct msghdr hdr;     /* the rest: the next iovecs, adjusted, and nothing else */
            struct iovec cur[8];
        } rmsg;                    /* recvmsg with MSG_WAITALL on a stream, after a part */
        struct ac__io_sendfile {
            size_t len, done;  /* bytes asked, sent */
            long long off_in;  /* -1: the file position */
            int in, out;
            int pipe[2]; /* through a pipe: its own pipe (-1 until made) */
            union {
                size_t pending; /* through a pipe: bytes in it not yet sent */
                size_t size;    /* direct: the file's size when last looked, or unknown */
            };
            unsigned cap;       /* through a pipe: its capacity */
            unsigned char mode; /* io_transfer.c: not started, direct, through a pipe */
        } sendfile;
    } x;
};

/* The state of a call that completes at its first poll with f->ret, making no system call, on
 * both backends: a looping call (read_exact, write_all, send_all, writev_all) given nothing to
 * transfer (io_uring would only queue a zero-length op there, so a timeout or select that
 * polls it once, as ac_timeout(0, ac_buf_flush(w)) of an empty writer does, never saw it
 * done), or arguments the system call refuses (ac__io_refuse). Charged to the budget. */
#define AC__IO_AT_ONCE 2u

/* Finishes with the completion's result as the call's result. */
ac__io_finish_fn ac__io_finish;
/* The same for a single read into f->op.a.rw.buf (the kernel wrote res bytes there). */
ac__io_finish_fn ac__io_finish_read;
/* ac_recvmsg's (net_udp.c): io_keep.c knows its frame by it. */
ac__io_finish_fn ac__io_finish_recvmsg;

/* A part of res bytes of a recv, recvfrom or recvmsg on fd that asked for `asked` more, added
 * to f->ret: whether the call is over (io_net.c). A short part asks for the rest only with
 * MSG_WAITALL (neither MSG_DONTWAIT nor MSG_PEEK) on a stream socket, as recv(2) waits there;
 * the epoll backend's non-blocking call returns what it finds. An error or the end of the
 * stream after some parts gives their count, as recv(2) does. */
bool ac__io_part_ends(struct ac__io_frame *f, int fd, int flags, int res, size_t asked);
int ac__io_poll(void *frame, ac_cx *cx);
void ac__io_drop(void *frame, ac_cx *cx);
/* Cancels op, submitted on worker w, and returns once its completion has been dispatched
 * (*done set): from then on nothing writes where op points. */
void ac__io_cancel_sync(struct ac__worker *w, struct ac__op *op, _Atomic int *done);

/* ac_writev_all's init, told whether fd is known not to be a socket (an earlier writev_all to
 * it said so): then it writes with writev(2) from the start, where it tries sendmsg(2) first. */
void ac__init_writev_all_to(void *frame, int fd, const struct iovec *iov, int iovcnt,
                            bool not_socket);

/* io_keep.c: what a dropped read had taken, given to the descriptor's next read. */

/* f, a read at the file position (ac_read, ac_read_exact, ac_recv, ac_readv, ac_recvfrom,
 * ac_recvmsg; not a peek) whose future is being dropped, is over (its completion dispatched):
 * keeps the bytes or the datagram it took for the next read of its descriptor. */
void ac__keep_dropped(struct ac__io_frame *f);
/* Keeps n bytes of a stream, taken from fd, for its next read (after what is kept already). */
void ac__keep_bytes(int fd, const void *bytes, size_t n);
/* Before op is submitted: when something is kept for its descriptor (and op reads at the file
 * position), gives it to op as the kernel would, sets *res to the read's result and returns
 * true. */
bool ac__keep_take(struct ac__op *op, long *res);
/* fd is being closed: what is kept for it goes. */
void ac__keep_forget(int fd);

/* sigpipe.c: whether writes to fd go as sends with MSG_NOSIGNAL, because it is a socket and
 * SIGPIPE is not ignored (the program chose its own handler; when the runtime ignores it, as
 * usual, this costs no system call). */
bool ac__send_quietly(int fd);
/* Around a splice(2) or sendfile(2) on a runtime thread, which have no MSG_NOSIGNAL: the SIGPIPE
 * that writing to a socket or pipe whose reader is gone raises never reaches the program's
 * handler (the call returns -EPIPE). Nothing happens when SIGPIPE is ignored. */
struct ac__sigpipe_hold {
    bool held, was_pending;
    sigset_t old;
};
void ac__sigpipe_hold(struct ac__sigpipe_hold *h);
void ac__sigpipe_release(struct ac__sigpipe_hold *h, long result);

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the io futures read an int result from the low half of a long"
#endif

/* The frame of an operation that keeps EXTRA bytes of x: callers embed only that much (the
 * public headers promise these sizes as ac__frame_size_NAME). */
#define AC__IO_FRAME_SIZE(EXTRA)                                                           \
    ((offsetof(struct ac__io_frame, x) + (EXTRA) + _Alignof(struct ac__io_frame) - 1) &      \
     ~(_Alignof(struct ac__io_frame) - 1))

/* Defines ac__type_NAME for an operation returning RTYPE (int or long) whose frame keeps
 * EXTRA bytes of x. */
#define AC__IO_TYPE(NAME, RTYPE, EXTRA)                                                    \
    AC__LEAF_TYPE_SIZED(NAME, struct ac__io_frame, AC__IO_FRAME_SIZE(EXTRA),                 \
                        offsetof(struct ac__io_frame, ret), sizeof(RTYPE), ac__io_poll,      \
                        ac__io_drop, "I/O " #NAME)

/* Starts a frame for an op of the given kind, whose caller then fills f->op.a. */
static inline struct ac__io_frame *ac__io_frame_init(void *frame, enum ac__op_kind kind,
                                                     ac__io_finish_fn *finish)
{
    struct ac__io_frame *f = frame;
    f->state = 0;
    f->ret = 0;
    f->finish = finish;
    f->worker = NULL;
    f->waker.task = NULL;
    f->op.kind = (uint8_t)kind;
    return f;
}

/* For a looping call's init: with nothing to transfer, the call completes at its first poll. */
static inline void ac__io_nothing_if(struct ac__io_frame *f, bool nothing)
{
    if (nothing)
        f->state = AC__IO_AT_ONCE;
}

/* Makes the call f (just initialized) return err at its first poll without starting an op, as
 * the system call refuses such arguments. */
static inline void ac__io_refuse(struct ac__io_frame *f, int err)
{
    f->state = AC__IO_AT_ONCE;
    f->ret = err;
}

#endif
