/* runtime/bufio.c: ac_bufreader and ac_bufwriter (asyncc/bufio.h): futures that work on the
 * buffer and embed one io future for the read or writev that refills or drains it. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "asyncc/bufio.h"
#include "asyncc/io.h"
#include "asyncc/transfer.h"
#include "io_op.h"
#include "task.h"

extern const ac_future_type ac__type_ac_read, ac__type_ac_read_exact, ac__type_ac_writev_all;
void ac__init_ac_read(void *frame, int fd, void *buf, size_t len);
void ac__init_ac_read_exact(void *frame, int fd, void *buf, size_t len);

#define DEFAULT_CAPACITY 8192

struct ac_bufreader {
    int fd;
    bool eof; /* the current call's last read returned 0; each new call reads again, as
                 Tokio's BufReader does, so a file that grew or a terminal after ^D goes on */
    char *buf;
    size_t cap, start, end; /* buffered: buf[start..end) */
};

struct ac_bufwriter {
    int fd;
    bool not_socket; /* a flush found it so: later ones write with writev(2) at once */
    char *buf;
    size_t cap, len;
};

/* A zeroed struct of size bytes and a buffer of *cap bytes (0: the default) for it; NULL when
 * out of memory. */
static void *with_buffer(size_t size, size_t *cap, char **buf)
{
    void *p = calloc(1, size);
    *cap = *cap ? *cap : DEFAULT_CAPACITY;
    if (p && !(*buf = malloc(*cap))) {
        free(p);
        p = NULL;
    }
    return p;
}

ac_bufreader *ac_bufreader_new(int fd, size_t capacity)
{
    char *buf = NULL;
    ac_bufreader *r = with_buffer(sizeof *r, &capacity, &buf);
    if (r) {
        r->fd = fd;
        r->buf = buf;
        r->cap = capacity;
    }
    return r;
}

void ac_bufreader_free(ac_bufreader *r)
{
    if (r) {
        free(r->buf);
        free(r);
    }
}

const char *ac_buf_data(ac_bufreader *r, size_t *len)
{
    *len = r->end - r->start;
    return r->buf + r->start;
}

void ac_buf_consume(ac_bufreader *r, size_t n)
{
    r->start += n < r->end - r->start ? n : r->end - r->start;
    if (r->start == r->end)
        r->start = r->end = 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Reading: one frame type for read_until, fill and read                                     */

enum { UNTIL, FILL, READ };

struct reader_frame {
    unsigned state; /* 0: working on the buffer, 1: a read in flight, DONE */
    int mode;
    long ret;
    ac_bufreader *r;
    int delim;
    size_t searched; /* bytes from start known to hold no delim */
    const char **rec; /* UNTIL's out pointer */
    char *out;        /* READ's destination */
    size_t len;
    struct ac__io_frame *read; /* points at io below */
    _Alignas(16) unsigned char io[ac__frame_size_ac_read];
};

static int reader_done(struct reader_frame *f, long ret)
{
    f->ret = ret;
    f->state = AC_STATE_DONE;
    return AC_READY;
}

/* Moves the buffered bytes to the start of the buffer and starts a read into the rest. */
static void start_read(struct reader_frame *f)
{
    ac_bufreader *r = f->r;
    if (r->start) {
        memmove(r->buf, r->buf + r->start, r->end - r->start);
        r->end -= r->start;
        r->start = 0;
    }
    ac__init_ac_read(f->io, r->fd, r->buf + r->end, r->cap - r->end);
    f->state = 1;
}

/* What the buffer gives without reading: AC_READY with the result, or AC_PENDING to read. */
static int from_buffer(struct reader_frame *f)
{
    ac_bufreader *r = f->r;
    size_t have = r->end - r->start;
    if (f->mode == READ && (have || r->eof || !f->len)) {
        size_t n = have < f->len ? have : f->len;
        ac__copy(f->out, r->buf + r->start, n);
        ac_buf_consume(r, n);
        return reader_done(f, (long)n);
    }
    if (f->mode == UNTIL) {
        char *at = memchr(r->buf + r->start + f->searched, f->delim, have - f->searched);
        f->searched = have;
        if (at || (r->eof && have)) {
            size_t n = at ? (size_t)(at - (r->buf + r->start)) + 1 : have;
            *f->rec = r->buf + r->start;
            r->start += n; /* not ac_buf_consume: the record must stay where it is */
            return reader_done(f, (long)n);
        }
        if (r->eof)
            return reader_done(f, 0);
    }
    if (f->mode == FILL && r->eof)
        return reader_done(f, 0);
    if (have == r->cap)
        return reader_done(f, -ENOBUFS);
    return AC_PENDING;
}

static int reader_poll(void *frame, ac_cx *cx)
{
    struct reader_frame *f = frame;
    for (;;) {
        if (f->state == 0) {
            /* Buffered records take budget too: a loop over a full buffer must yield. */
            if (!ac__coop_proceed(cx))
                return AC_PENDING;
            if (from_buffer(f) == AC_READY)
                return AC_READY;
            start_read(f);
        }
        if (ac__type_ac_read.poll(f->io, cx) == AC_PENDING)
            return AC_PENDING;
        long n = f->read->ret;
        f->state = 0;
        if (n < 0)
            return reader_done(f, n);
        if (n == 0)
            f->r->eof = true;
        f->r->end += (size_t)n;
        if (f->mode == FILL)
            return reader_done(f, n);
    }
}

/* Cancelled: a read that completed before the cancel reached it still delivered its bytes,
 * which join the buffer, so nothing is lost. */
static void reader_drop(void *frame, ac_cx *cx)
{
    (void)cx;
    struct reader_frame *f = frame;
    struct ac__io_frame *rd = f->read;
    if (f->state == 1 && rd->state == 1) {
        ac__io_cancel_sync(rd->worker, &rd->op, &rd->done);
        if (rd->op.res > 0) {
            AC__KERNEL_WROTE(f->r->buf + f->r->end, (size_t)rd->op.res);
            f->r->end += (size_t)rd->op.res;
        }
    }
    f->state = AC_STATE_DONE;
}

static struct reader_frame *reader_init(void *frame, ac_bufreader *r, int mode)
{
    struct reader_frame *f = frame;
    r->eof = false;
    f->state = 0;
    f->mode = mode;
    f->ret = 0;
    f->r = r;
    f->searched = 0;
    f->read = (struct ac__io_frame *)f->io;
    return f;
}

#define READER_TYPE(NAME, WHAT)                                                            \
    AC__LEAF_TYPE(NAME, struct reader_frame, ret, reader_poll, reader_drop, WHAT)

READER_TYPE(ac_buf_read_until, "buffered read");
AC_EXPORT void ac__init_ac_buf_read_until(void *frame, ac_bufreader *r, int delim,
                                          const char **rec);
void ac__init_ac_buf_read_until(void *frame, ac_bufreader *r, int delim, const char **rec)
{
    struct reader_frame *f = reader_init(frame, r, UNTIL);
    f->delim = (unsigned char)delim;
    f->rec = rec;
}

READER_TYPE(ac_buf_read_line, "buffered read");
AC_EXPORT void ac__init_ac_buf_read_line(void *frame, ac_bufreader *r, const char **line);
void ac__init_ac_buf_read_line(void *frame, ac_bufreader *r, const char **line)
{
    ac__init_ac_buf_read_until(frame, r, '\n', line);
}

READER_TYPE(ac_buf_fill, "buffered read");
AC_EXPORT void ac__init_ac_buf_fill(void *frame, ac_bufreader *r);
void ac__init_ac_buf_fill(void *frame, ac_bufreader *r)
{
    reader_init(frame, r, FILL);
}

READER_TYPE(ac_buf_read, "buffered read");
AC_EXPORT void ac__init_ac_buf_read(void *frame, ac_bufreader *r, void *buf, size_t len);
void ac__init_ac_buf_read(void *frame, ac_bufreader *r, void *buf, size_t len)
{
    struct reader_frame *f = reader_init(frame, r, READ);
    f->out = buf;
    f->len = len;
}

/* ------------------------------------------------------------------------------------------ */
/* read_exact: the buffered bytes, then ac_read_exact straight into the caller's buffer      */

struct exact_frame {
    unsigned state; /* 0, 1: reading the rest, DONE */
    long ret;
    ac_bufreader *r;
    char *out;
    size_t len, copied;
    _Alignas(16) unsigned char io[ac__frame_size_ac_read_exact];
};

static int exact_poll(void *frame, ac_cx *cx)
{
    struct exact_frame *f = frame;
    if (f->state == 0) {
        /* Checked before a byte is taken: a PENDING read_exact holds nothing. */
        if (!ac__coop_check(cx))
            return AC_PENDING;
        size_t have = f->r->end - f->r->start;
        f->copied = have < f->len ? have : f->len;
        ac__copy(f->out, f->r->buf + f->r->start, f->copied);
        ac_buf_consume(f->r, f->copied);
        if (f->copied == f->len || f->r->eof) {
            ac__coop_charge(cx);
            f->ret = (long)f->copied;
            f->state = AC_STATE_DONE;
            return AC_READY;
        }
        ac__init_ac_read_exact(f->io, f->r->fd, f->out + f->copied, f->len - f->copied);
        f->state = 1;
    }
    if (ac__type_ac_read_exact.poll(f->io, cx) == AC_PENDING)
        return AC_PENDING;
    long n = ((struct ac__io_frame *)f->io)->ret;
    if (n >= 0 && (size_t)n < f->len - f->copied)
        f->r->eof = true;
    f->ret = n < 0 ? n : (long)f->copied + n;
    f->state = AC_STATE_DONE;
    return AC_READY;
}

/* Cancelled: the bytes taken from the buffer, then those the read took, are kept for the
 * descriptor's next read (io_keep.c), which this reader's next read makes: nothing is lost. */
static void exact_drop(void *frame, ac_cx *cx)
{
    (void)cx;
    struct exact_frame *f = frame;
    struct ac__io_frame *rd = (struct ac__io_frame *)f->io;
    if (f->state == 1) {
        if (rd->state == 1) /* over before anything moves a file position back */
            ac__io_cancel_sync(rd->worker, &rd->op, &rd->done);
        ac__keep_bytes(f->r->fd, f->out, f->copied);
        if (rd->state == 1)
            ac__keep_dropped(rd);
        rd->state = AC_STATE_DONE;
    }
    f->state = AC_STATE_DONE;
}

AC__LEAF_TYPE(ac_buf_read_exact, struct exact_frame, ret, exact_poll, exact_drop,
              "buffered read");
AC_EXPORT void ac__init_ac_buf_read_exact(void *frame, ac_bufreader *r, void *buf, size_t len);
void ac__init_ac_buf_read_exact(void *frame, ac_bufreader *r, void *buf, size_t len)
{
    struct exact_frame *f = frame;
    r->eof = false;
    f->state = 0;
    f->ret = 0;
    f->r = r;
    f->out = buf;
    f->len = len;
}

/* ------------------------------------------------------------------------------------------ */
/* Writer                                                                                     */

ac_bufwriter *ac_bufwriter_new(int fd, size_t capacity)
{
    char *buf = NULL;
    ac_bufwriter *w = with_buffer(sizeof *w, &capacity, &buf);
    if (w) {
        w->fd = fd;
        w->buf = buf;
        w->cap = capacity;
    }
    return w;
}

void ac_bufwriter_free(ac_bufwriter *w)
{
    if (w) {
        free(w->buf);
        free(w);
    }
}

size_t ac_bufwriter_buffered(ac_bufwriter *w)
{
    return w->len;
}

/* ac_buf_write and ac_buf_flush: buffer if it fits, else one writev_all of the buffer and the
 * caller's bytes (flush: the buffer alone). */
struct writer_frame {
    unsigned state; /* 0, 1: writing, DONE */
    long ret;
    ac_bufwriter *w;
    const char *src;
    size_t len;
    bool flush;
    struct iovec iov[2];
    _Alignas(16) unsigned char io[ac__frame_size_ac_writev_all];
};

static struct ac__io_frame *writev_of(struct writer_frame *f)
{
    return (struct ac__io_frame *)f->io;
}

/* The bytes the writev_all's completed steps wrote: the iovecs it stepped past, and part of
 * the one it is at. */
static size_t progress(struct writer_frame *f)
{
    struct ac__io_frame *v = writev_of(f);
    size_t n = v->x.vec.skip;
    for (const struct iovec *at = f->iov; at < v->x.vec.iov; at++)
        n += at->iov_len;
    return n;
}

/* Removes the n bytes written from the buffer (they may go beyond it, into the caller's). */
static void written(ac_bufwriter *w, size_t n)
{
    if (n >= w->len) {
        w->len = 0;
        return;
    }
    memmove(w->buf, w->buf + n, w->len - n);
    w->len -= n;
}

static int writer_poll(void *frame, ac_cx *cx)
{
    struct writer_frame *f = frame;
    ac_bufwriter *w = f->w;
    if (f->state == 0) {
        if (!f->flush && f->len <= w->cap - w->len) {
            if (!ac__coop_proceed(cx))
                return AC_PENDING;
            ac__copy(w->buf + w->len, f->src, f->len);
            w->len += f->len;
            f->ret = (long)f->len;
            f->state = AC_STATE_DONE;
            return AC_READY;
        }
        f->iov[0] = (struct iovec){w->buf, w->len};
        f->iov[1] = (struct iovec){(void *)f->src, f->flush ? 0 : f->len};
        ac__init_writev_all_to(f->io, w->fd, f->iov, 2, w->not_socket);
        f->state = 1;
    }
    if (ac__type_ac_writev_all.poll(f->io, cx) == AC_PENDING)
        return AC_PENDING;
    w->not_socket = writev_of(f)->x.vec.not_socket;
    long n = writev_of(f)->ret;
    written(w, n < 0 ? progress(f) : (size_t)n); /* an error still wrote the steps before it */
    f->ret = n < 0 ? n : f->flush ? 0 : (long)f->len;
    f->state = AC_STATE_DONE;
    return AC_READY;
}

static void writer_drop(void *frame, ac_cx *cx)
{
    (void)cx;
    struct writer_frame *f = frame;
    struct ac__io_frame *v = writev_of(f);
    if (f->state == 1) {
        size_t n = progress(f);
        if (v->state == 1) {
            ac__io_cancel_sync(v->worker, &v->op, &v->done);
            n += v->op.res > 0 ? (size_t)v->op.res : 0;
        }
        written(f->w, n);
    }
    f->state = AC_STATE_DONE;
}

AC__LEAF_TYPE(ac_buf_write, struct writer_frame, ret, writer_poll, writer_drop, "buffered write");
AC_EXPORT void ac__init_ac_buf_write(void *frame, ac_bufwriter *w, const void *buf, size_t len);
void ac__init_ac_buf_write(void *frame, ac_bufwriter *w, const void *buf, size_t len)
{
    struct writer_frame *f = frame;
    f->state = 0;
    f->ret = 0;
    f->w = w;
    f->src = buf;
    f->len = len;
    f->flush = false;
}

AC__LEAF_TYPE_SIZED(ac_buf_flush, struct writer_frame, sizeof(struct writer_frame),
                    offsetof(struct writer_frame, ret), sizeof(int), writer_poll, writer_drop,
                    "buffered write");
AC_EXPORT void ac__init_ac_buf_flush(void *frame, ac_bufwriter *w);
void ac__init_ac_buf_flush(void *frame, ac_bufwriter *w)
{
    ac__init_ac_buf_write(frame, w, NULL, 0);
    ((struct writer_frame *)frame)->flush = true;
}
