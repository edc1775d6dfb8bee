/* buf.h: growable strings, the transpiler's only text container.
 * Every piece of generated C is appended to an sb before it reaches a file. */
#ifndef ASYNCC_BUF_H
#define ASYNCC_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

typedef struct sb {
    char *data;
    size_t len, cap;
} sb;

/* Makes room for extra more bytes (and the NUL after them). */
void sb_grow(sb *b, size_t extra);
static inline void sb_putn(sb *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap)
        sb_grow(b, n);
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = 0;
}
static inline void sb_puts(sb *b, const char *s)
{
    sb_putn(b, s, strlen(s));
}
static inline void sb_putc(sb *b, char c)
{
    if (b->len + 2 > b->cap)
        sb_grow(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = 0;
}
void sb_printf(sb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vprintf(sb *b, const char *fmt, va_list ap);
/* Returns the NUL-terminated contents (never NULL) and leaves b empty; the caller frees it. */
char *sb_take(sb *b);
/* The whole file at path (NUL-terminated, *len bytes), or NULL when it cannot be opened. */
char *sb_read_file(const char *path, size_t *len);
void sb_free(sb *b);
/* True when the last character written is a newline, or nothing was written. */
int sb_at_line_start(const sb *b);

/* s escaped to stand between double quotes in C (for #line \"file\"). */
char *c_string_body(const char *s);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Zeroed memory that is never freed (it lives until the process exits). */
void *xarena(size_t n);

/* Appends p to a growable array; the capacity doubles whenever count reaches a power of two. */
#define VEC_PUSH(arr, count, p)                                                                    \
    do {                                                                                           \
        if (((count) & ((count) - 1)) == 0)                                                        \
            (arr) = xrealloc((arr), sizeof *(arr) * ((count) ? 2 * (count) : 1));                  \
        (arr)[(count)++] = (p);                                                                    \
    } while (0)

#endif
