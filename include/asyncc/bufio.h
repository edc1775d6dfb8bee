/* asyncc/bufio.h: buffered reading and writing over any descriptor (Tokio's BufReader and
 * BufWriter): lines and delimited records, exact reads, peek and consume, writes with flush. */
#ifndef ASYNCC_BUFIO_H
#define ASYNCC_BUFIO_H

#include "sys.h"

#include "future.h"
#include "lang.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Bounds on the frames of the futures below (see future.h): awaiting them allocates nothing. */
enum {
    ac__frame_size_ac_buf_read_until = 208,
    ac__frame_size_ac_buf_read_line = 208,
    ac__frame_size_ac_buf_fill = 208,
    ac__frame_size_ac_buf_read = 208,
    ac__frame_size_ac_buf_read_exact = 176,
    ac__frame_size_ac_buf_write = 416,
    ac__frame_size_ac_buf_flush = 416
};

/* ---- Reader ----
 * A buffer of a fixed capacity in front of a descriptor (socket, pipe, file at its position,
 * stdin). One task uses a reader at a time. Every call returns a count or -errno. End of input
 * is not sticky: a call after one that returned 0 reads the descriptor again, so a file that
 * has grown since (a log being followed) or a terminal after ^D gives its new bytes. */
typedef struct ac_bufreader ac_bufreader;

/* A reader of fd with a buffer of capacity bytes (0: 8 KiB), which is also the longest line
 * or record ac_buf_read_until can return. Returns NULL when out of memory. The reader does not
 * own fd. */
AC_EXPORT ac_bufreader *ac_bufreader_new(int fd, size_t capacity);
/* Frees the reader and what it had buffered (fd stays open). */
AC_EXPORT void ac_bufreader_free(ac_bufreader *r);

/*
 * Reads until delim (a byte value) is buffered and returns the record, delimiter included: its
 * length, with *rec pointing at it inside the reader's buffer (not NUL-terminated), valid until
 * the next call on r. At end of input: the bytes left without a delimiter (a last line without
 * its newline), then 0. -ENOBUFS when capacity bytes hold no delim (the bytes stay buffered:
 * ac_buf_data and ac_buf_consume get at them); -errno from read(2).
 * Cancel-safe: dropped while waiting, nothing is lost; what was read stays buffered for the
 * next call.
 */
AC_EXPORT async long ac_buf_read_until(ac_bufreader *r, int delim, const char **rec);
/* ac_buf_read_until(r, '\n', line). */
AC_EXPORT async long ac_buf_read_line(ac_bufreader *r, const char **line);

/* Reads once more into the free part of the buffer (moving the buffered bytes to its start
 * first), for parsers that need more than what is buffered. Returns the bytes added, 0 at end of
 * input, -ENOBUFS when the buffer is full, or -errno. Cancel-safe, as ac_buf_read_until. */
AC_EXPORT async long ac_buf_fill(ac_bufreader *r);

/* What is buffered now: returns a pointer to it and sets *len (peek; nothing is consumed). */
AC_EXPORT const char *ac_buf_data(ac_bufreader *r, size_t *len);
/* Consumes n buffered bytes (at most what is buffered). */
AC_EXPORT void ac_buf_consume(ac_bufreader *r, size_t n);

/* Copies up to len bytes to buf: what is buffered, else what one read brings. Returns the
 * count (0: end of input) or -errno. Cancel-safe. buf must stay valid until the call finishes. */
AC_EXPORT async long ac_buf_read(ac_bufreader *r, void *buf, size_t len);

/* Copies exactly len bytes to buf: the buffered ones, then reads straight into buf. Returns len,
 * fewer at end of input, or -errno. Cancel-safe (unlike Tokio's read_exact): dropped mid-way,
 * the bytes it took, from the buffer and from the descriptor, come to the reader's next read. */
AC_EXPORT async long ac_buf_read_exact(ac_bufreader *r, void *buf, size_t len);

/* ---- Writer ----
 * Collects small writes and writes them in one system call when its buffer is full or on
 * flush. On a socket it sends with MSG_NOSIGNAL (a closed peer gives -EPIPE, not SIGPIPE).
 * One task uses a writer at a time. */
typedef struct ac_bufwriter ac_bufwriter;

/* A writer to fd with a buffer of capacity bytes (0: 8 KiB). NULL when out of memory. */
AC_EXPORT ac_bufwriter *ac_bufwriter_new(int fd, size_t capacity);
/* Frees the writer; bytes not flushed are discarded (flush first). fd stays open. */
AC_EXPORT void ac_bufwriter_free(ac_bufwriter *w);
/* Bytes buffered and not yet written. */
AC_EXPORT size_t ac_bufwriter_buffered(ac_bufwriter *w);

/* Buffers len bytes of buf; when they do not fit, writes what was buffered and buf together
 * (one writev). Completes at once when they fit. Returns len or -errno. buf must stay valid
 * until the call finishes. Dropped while writing: the bytes written stay written and are
 * removed from the buffer, the rest stays buffered; how much of buf went out is lost. */
AC_EXPORT async long ac_buf_write(ac_bufwriter *w, const void *buf, size_t len);

/* Writes everything buffered. Returns 0 or -errno (the bytes not written stay buffered).
 * Dropped while writing: as ac_buf_write. */
AC_EXPORT async int ac_buf_flush(ac_bufwriter *w);

#ifdef __cplusplus
}
#endif

#endif
