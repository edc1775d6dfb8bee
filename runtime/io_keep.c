/* runtime/io_keep.c: what a dropped read had already taken from its descriptor (bytes of a
 * stream, or a datagram with its sender and ancillary data), kept for the descriptor's next read,
 * so that dropping a read (a timeout, a select's loser) loses nothing. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fork.h"
#include "io_op.h"
#include "util.h"

/* A completion-based read cannot be taken back: when io_uring (or the epoll backend's worker)
 * finished a read in the instant its future was dropped, the bytes are out of the kernel and
 * in a buffer whose owner never learns their count. Tokio's readiness model reads only in the
 * task's own poll and so never has this case; this module gives the same guarantee. The bytes
 * go to a list kept by descriptor number, with the identity of the file (st_dev, st_ino) they
 * came from, and the next read of that number that would take from the file at its position
 * takes them first, as the kernel would have given them. A number whose file changed (closed
 * with close(2) and reused) finds its kept bytes discarded, never handed to another file;
 * ac_close discards them at once. A regular file's position moves back over them instead. */

struct segment {
    struct segment *next;
    size_t len, off;     /* bytes, and how many of them a stream's reads took already */
    socklen_t namelen;   /* the sender's address (a datagram taken with recvmsg), or 0 */
    unsigned ctrllen;    /* ancillary data, or 0 */
    int flags;           /* MSG_TRUNC, MSG_CTRUNC as the kernel reported them */
    struct sockaddr_storage name;
    _Alignas(struct cmsghdr) unsigned char ctrl[256];
    unsigned char data[];
};

struct kept {
    dev_t dev;
    ino_t ino;
    bool dgram; /* one segment per read, whole, as a datagram socket gives them */
    struct segment *head, **tail;
};

/* By descriptor number, ntable of them; made at the first keep (ntable written before it). */
static struct kept *_Atomic *_Atomic table;
static unsigned ntable;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

void ac__keep_before_fork(void)
{
    pthread_mutex_lock(&lock);
}

void ac__keep_parent_after_fork(void)
{
    pthread_mutex_unlock(&lock);
}

void ac__keep_after_fork(void)
{
    pthread_mutex_init(&lock, NULL);
}

static void table_alloc(void)
{
    struct rlimit rl;
    rlim_t n = getrlimit(RLIMIT_NOFILE, &rl) == 0 ? rl.rlim_max : 65536;
    if (n > (1u << 22)) /* beyond: nothing kept (calloc'd pages cost only when touched) */
        n = 1u << 22;
    struct kept *_Atomic *t = calloc(n, sizeof *t);
    ntable = t ? (unsigned)n : 0;
    atomic_store_explicit(&table, t, memory_order_release);
}

/* The slot of fd when the table exists and has one for it, else NULL. */
static struct kept *_Atomic *slot(int fd)
{
    struct kept *_Atomic *t = atomic_load_explicit(&table, memory_order_acquire);
    return t && fd >= 0 && (unsigned)fd < ntable ? &t[fd] : NULL;
}

/* Closes the descriptors an SCM_RIGHTS message passed (ancillary data nobody will read). */
static void close_passed(unsigned char *ctrl, unsigned len)
{
    struct msghdr m = {.msg_control = ctrl, .msg_controllen = len};
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
        if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
            continue;
        size_t n = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
        for (size_t i = 0; i < n; i++) {
            int fd;
            memcpy(&fd, CMSG_DATA(c) + i * sizeof fd, sizeof fd);
            close(fd);
        }
    }
}

static void free_segment(struct segment *s)
{
    close_passed(s->ctrl, s->ctrllen);
    free(s);
}

static void free_kept(struct kept *k)
{
    while (k->head) {
        struct segment *s = k->head;
        k->head = s->next;
        free_segment(s);
    }
    free(k);
}

/* What is kept in fd's slot at, when it is kept for the file fd names now (else discarded);
 * under lock. */
static struct kept *kept_for(struct kept *_Atomic *at, int fd)
{
    struct kept *k = atomic_load_explicit(at, memory_order_relaxed);
    if (!k)
        return NULL;
    struct stat st;
    if (fstat(fd, &st) == 0 && st.st_dev == k->dev && st.st_ino == k->ino)
        return k;
    atomic_store_explicit(at, NULL, memory_order_relaxed);
    free_kept(k);
    return NULL;
}

/* Appends a segment of n bytes gathered from iov to what is kept for fd; on a regular file,
 * moves its position back by n instead. */
static void keep(int fd, const struct iovec *iov, size_t cnt, size_t n, const struct msghdr *msg)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, table_alloc);
    struct kept *_Atomic *at = slot(fd);
    struct stat st;
    if (!at || fstat(fd, &st) != 0) /* (a descriptor gone: so is its file's stream) */
        return;
    if (S_ISREG(st.st_mode) || S_ISBLK(st.st_mode)) {
        /* A file with a position to move back: as if the read had not been, which stays
         * right when the program seeks before its next read. */
        lseek(fd, -(off_t)n, SEEK_CUR);
        return;
    }
    struct segment *s = malloc(sizeof *s + n);
    if (!s) /* no memory: lost, as before this module */
        return;
    memset(s, 0, sizeof *s);
    s->len = n;
    for (size_t i = 0, done = 0; i < cnt && done < n; i++) {
        size_t part = iov[i].iov_len < n - done ? iov[i].iov_len : n - done;
        memcpy(s->data + done, iov[i].iov_base, part);
        done += part;
    }
    if (msg) {
        s->flags = msg->msg_flags & (MSG_TRUNC | MSG_CTRUNC);
        if (msg->msg_name && msg->msg_namelen <= sizeof s->name) {
            memcpy(&s->name, msg->msg_name, msg->msg_namelen);
            s->namelen = msg->msg_namelen;
        }
        if (msg->msg_control && msg->msg_controllen <= sizeof s->ctrl) {
            memcpy(s->ctrl, msg->msg_control, msg->msg_controllen);
            s->ctrllen = (unsigned)msg->msg_controllen;
        } else if (msg->msg_control) { /* more than is kept: the descriptors it passes go */
            close_passed(msg->msg_control, (unsigned)msg->msg_controllen);
            s->flags |= MSG_CTRUNC;
        }
    }
    int type = 0;
    socklen_t tlen = sizeof type;
    bool dgram = S_ISSOCK(st.st_mode) && getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &tlen) == 0 &&
                 type != SOCK_STREAM;
    pthread_mutex_lock(&lock);
    struct kept *k = kept_for(at, fd);
    if (!k && (k = calloc(1, sizeof *k))) {
        k->dev = st.st_dev;
        k->ino = st.st_ino;
        k->dgram = dgram;
        k->tail = &k->head;
        atomic_store_explicit(at, k, memory_order_release);
    }
    if (k) {
        *k->tail = s;
        k->tail = &s->next;
    } else {
        free_segment(s);
    }
    pthread_mutex_unlock(&lock);
}

void ac__keep_bytes(int fd, const void *bytes, size_t n)
{
    if (n) {
        struct iovec iov = {(void *)bytes, n};
        keep(fd, &iov, 1, n, NULL);
    }
}

/* How an op reads its descriptor: the descriptor, the buffers it fills, the header of a
 * recvmsg, the flags of a recv. */
struct reading {
    int fd, flags;
    struct iovec one; /* the buffer of a read or recv */
    const struct iovec *iov;
    size_t cnt;
    struct msghdr *m; /* a recvmsg's, else NULL */
};

/* Describes op in *r; false when op does not read at the file position (a pread, a write...). */
static bool reading_of(struct ac__op *op, struct reading *r)
{
    *r = (struct reading){.fd = -1};
    r->iov = &r->one;
    r->cnt = 1;
    switch (op->kind) {
    case AC__OP_READ:
        if (op->a.rw.offset >= 0)
            return false;
        /* fall through */
    case AC__OP_RECV:
        r->fd = op->a.rw.fd;
        r->flags = op->kind == AC__OP_RECV ? op->a.rw.flags : 0;
        r->one = (struct iovec){op->a.rw.buf, op->a.rw.len};
        return true;
    case AC__OP_READV:
        r->fd = op->a.vec.fd;
        r->iov = op->a.vec.iov;
        r->cnt = (size_t)op->a.vec.cnt;
        return true;
    case AC__OP_RECVMSG:
        r->fd = op->a.msg.fd;
        r->flags = op->a.msg.flags;
        r->m = op->a.msg.msg;
        r->iov = r->m->msg_iov;
        r->cnt = r->m->msg_iovlen;
        return true;
    default:
        return false;
    }
}

/* The bytes r's buffers hold. */
static size_t room(const struct reading *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->cnt; i++)
        n += r->iov[i].iov_len;
    return n;
}

void ac__keep_dropped(struct ac__io_frame *f)
{
    struct reading r;
    if (!reading_of(&f->op, &r) || (r.flags & MSG_PEEK)) /* (a peek took nothing) */
        return;
    size_t got = f->op.res > 0 ? (size_t)f->op.res : 0, have = room(&r);
    if (got > have) /* a datagram's recv(MSG_TRUNC) gives its length, not what it copied */
        got = have;
    if (f->ret > 0) {
        /* A looping read (read_exact, a recv, recvfrom or recvmsg waiting for all) counted
         * what it took before in f->ret, just before the buffers it reads into now: a
         * recvmsg's parts are the caller's iovecs from the first, with its name and control;
         * the others advanced their one buffer. */
        if (f->finish == ac__io_finish_recvmsg) {
            r.m = f->x.rmsg.user;
            r.iov = r.m->msg_iov;
            r.cnt = r.m->msg_iovlen;
        } else {
            r.one = r.iov[0];
            r.iov = &r.one;
            r.cnt = 1;
            r.one.iov_base = (char *)r.one.iov_base - f->ret;
            r.one.iov_len += (size_t)f->ret;
        }
        got += (size_t)f->ret;
    }
    if (got || (r.m && f->op.res >= 0)) /* a datagram may be empty: kept all the same */
        keep(r.fd, r.iov, r.cnt, got, r.m);
}

void ac__keep_forget(int fd)
{
    struct kept *_Atomic *at = slot(fd);
    if (!at || !atomic_load_explicit(at, memory_order_acquire))
        return;
    pthread_mutex_lock(&lock);
    struct kept *k = atomic_exchange_explicit(at, NULL, memory_order_relaxed);
    pthread_mutex_unlock(&lock);
    if (k)
        free_kept(k);
}

/* Scatters n bytes of p over iov. */
static void scatter(const struct iovec *iov, size_t cnt, const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < cnt && n; i++) {
        size_t part = iov[i].iov_len < n ? iov[i].iov_len : n;
        memcpy(iov[i].iov_base, p, part);
        p += part;
        n -= part;
    }
}

/* Gives the reading r what s holds, as the kernel's read would; returns the read's result. The segment is
 * used up unless it is a stream's with bytes left (or a peek). */
static long give(struct kept *k, struct segment *s, const struct reading *r, bool *used)
{
    struct msghdr *m = r->m;
    int flags = r->flags;
    size_t have = s->len - s->off, space = room(r), n = have < space ? have : space;
    scatter(r->iov, r->cnt, s->data + s->off, n);
    bool peek = flags & MSG_PEEK;
    if (m) {
        m->msg_flags = s->flags | (k->dgram && n < have ? MSG_TRUNC : 0);
        if (m->msg_name) {
            socklen_t nl = m->msg_namelen < s->namelen ? m->msg_namelen : s->namelen;
            memcpy(m->msg_name, &s->name, nl);
            m->msg_namelen = s->namelen;
        }
        if (s->ctrllen && m->msg_control && m->msg_controllen >= s->ctrllen && !peek) {
            memcpy(m->msg_control, s->ctrl, s->ctrllen);
            m->msg_controllen = s->ctrllen;
            s->ctrllen = 0; /* the descriptors it passes are the reader's now */
        } else {
            if (s->ctrllen && !peek)
                m->msg_flags |= MSG_CTRUNC;
            m->msg_controllen = 0;
        }
    }
    *used = !peek && (k->dgram || n == have);
    if (!peek && !k->dgram)
        s->off += n;
    if (k->dgram && (flags & MSG_TRUNC))
        return (long)have; /* recv(MSG_TRUNC) of a datagram: its real length */
    return (long)n;
}

static bool __attribute__((noinline)) take(struct ac__op *op, long *res)
{
    struct reading r;
    if (!reading_of(op, &r))
        return false;
    int fd = r.fd;
    struct kept *_Atomic *at = slot(fd);
    if (!at || !atomic_load_explicit(at, memory_order_acquire))
        return false;
    pthread_mutex_lock(&lock);
    struct kept *k = kept_for(at, fd);
    struct segment *s = k ? k->head : NULL;
    bool used = false;
    if (s)
        *res = give(k, s, &r, &used);
    if (used) {
        k->head = s->next;
        if (!k->head) {
            atomic_store_explicit(at, NULL, memory_order_relaxed);
            free_kept(k);
        }
    }
    pthread_mutex_unlock(&lock);
    if (used)
        free_segment(s);
    return s != NULL;
}

/* Asked before every submission: until a dropped read keeps something, the table does not
 * exist, and the question costs a load (the echo server spent 20 instructions per call in
 * take's prologue and epilogue before). */
bool ac__keep_take(struct ac__op *op, long *res)
{
    return atomic_load_explicit(&table, memory_order_relaxed) && take(op, res);
}
