/* buf.c: growable strings and allocation helpers that abort on exhaustion.
 * A transpiler that runs out of memory has nothing better to do than stop. */
#include "buf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fputs("asyncc: out of memory\n", stderr);
        exit(2);
    }
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) {
        fputs("asyncc: out of memory\n", stderr);
        exit(2);
    }
    return p;
}

void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        fputs("asyncc: out of memory\n", stderr);
        exit(2);
    }
    return p;
}

/* Memory that lives until exit, handed out from large blocks: the syntax tree's nodes and their
 * child arrays, over a hundred thousand small objects in a large file, never freed one by one.
 * The blocks are mapped populated: one system call instead of a page fault per page touched,
 * which costs about as much as building the nodes. */
void *xarena(size_t n)
{
    enum { BLOCK = 4u << 20 };
    static _Thread_local char *next, *end; /* trees are built on two threads (an_prebuild) */
    n = (n + 15) & ~(size_t)15;
    if ((size_t)(end - next) < n) {
        size_t size = n > BLOCK ? n : BLOCK;
        void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
        next = p == MAP_FAILED ? xcalloc(1, size) : p;
        end = next + size;
    }
    void *p = next;
    next += n;
    return p;
}

char *xstrndup(const char *s, size_t n)
{
    char *d = xmalloc(n + 1);
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

void sb_grow(sb *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap * 2 : 256;
    while (cap < b->len + extra + 1)
        cap *= 2;
    b->data = xrealloc(b->data, cap);
    b->cap = cap;
}

/* Appends without the NUL, which put_format writes once at the end. */
static inline void put(sb *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap)
        sb_grow(b, n);
    memcpy(b->data + b->len, s, n);
    b->len += n;
}

static void put_unsigned(sb *b, unsigned long long v)
{
    char digits[24];
    int n = 0;
    do
        digits[sizeof digits - 1 - n++] = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    put(b, digits + sizeof digits - n, (size_t)n);
}

static void put_blanks(sb *b, size_t n)
{
    if (b->len + n + 1 > b->cap)
        sb_grow(b, n);
    memset(b->data + b->len, ' ', n);
    b->len += n;
}

/* The generated code is printed by the megabyte: the common conversions are done here rather
 * than by vsnprintf, which costs several times as much per call: %s, %*s, %-*s, %.*s, %u, %d
 * (also with l or ll), %c, %%. Returns 0 at any other conversion (what it appended is then the caller's to take back). */
static int put_format(sb *b, const char *fmt, va_list ap)
{
    const char *p = fmt;
    for (;;) {
        const char *pct = strchrnul(p, '%');
        put(b, p, (size_t)(pct - p));
        if (!*pct) {
            if (b->data)
                b->data[b->len] = 0;
            else
                sb_grow(b, 0);
            return 1;
        }
        p = pct + 1;
        int left = 0, width = 0, precision = -1, longs = 0;
        if (p[0] == 'l') {
            longs = p[1] == 'l' ? 2 : 1;
            p += longs;
            if (*p != 'u' && *p != 'd')
                return 0;
        } else if (*p == 'c') {
            char ch = (char)va_arg(ap, int);
            put(b, &ch, 1);
            p++;
            continue;
        }
        if (*p != '%' && *p != 'u' && *p != 'd') {
            if ((p[0] == '-' || p[0] == '.') && p[1] == '*') {
                left = p[0] == '-';
                if (p[0] == '-')
                    width = va_arg(ap, int);
                else
                    precision = va_arg(ap, int);
                p += 2;
            } else if (p[0] == '*') {
                width = va_arg(ap, int);
                p++;
            }
            if (*p != 's')
                return 0;
        }
        char conv = *p++;
        if (conv == 's') {
            const char *s = va_arg(ap, const char *);
            if (!s)
                s = "(null)";
            size_t len = precision >= 0 ? strnlen(s, (size_t)precision) : strlen(s);
            if (width < 0) {
                left = 1;
                width = -width;
            }
            size_t padding = (size_t)width > len ? (size_t)width - len : 0;
            if (!left && padding)
                put_blanks(b, padding);
            put(b, s, len);
            if (left && padding)
                put_blanks(b, padding);
        } else if (conv == 'u') {
            put_unsigned(b, longs == 2 ? va_arg(ap, unsigned long long)
                            : longs ? va_arg(ap, unsigned long)
                                    : va_arg(ap, unsigned));
        } else if (conv == 'd') {
            long long v = longs == 2 ? va_arg(ap, long long) : longs ? va_arg(ap, long) : va_arg(ap, int);
            if (v < 0)
                put(b, "-", 1);
            put_unsigned(b, v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v);
        } else {
            put(b, "%", 1);
        }
    }
}

void sb_vprintf(sb *b, const char *fmt, va_list ap)
{
    size_t len = b->len;
    va_list copy;
    va_copy(copy, ap);
    int done = put_format(b, fmt, copy);
    va_end(copy);
    if (done)
        return;
    b->len = len; /* vsnprintf prints it all again */
    sb_grow(b, 128);
    b->data[len] = 0;
    va_copy(copy, ap);
    int n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, copy);
    va_end(copy);
    if (n < 0)
        return;
    if ((size_t)n >= b->cap - b->len) {
        sb_grow(b, (size_t)n);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    }
    b->len += (size_t)n;
}

void sb_printf(sb *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(b, fmt, ap);
    va_end(ap);
}

/* Formatted in a buffer of the thread's, then copied at its size: most are a few bytes, and a
 * buffer of their own would be sb's smallest (256). */
char *xasprintf(const char *fmt, ...)
{
    static _Thread_local sb scratch;
    scratch.len = 0;
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&scratch, fmt, ap);
    va_end(ap);
    return xstrndup(scratch.data, scratch.len);
}

char *sb_read_file(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    sb b = {0};
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
        sb_putn(&b, buf, n);
    if (ferror(fp)) { /* a directory opens, and reads fail with EISDIR */
        int e = errno;
        fclose(fp);
        sb_free(&b);
        errno = e;
        return NULL;
    }
    fclose(fp);
    *len = b.len;
    return b.data ? sb_take(&b) : xstrdup("");
}

char *sb_take(sb *b)
{
    char *s = b->data ? b->data : xstrdup("");
    b->data = NULL;
    b->len = b->cap = 0;
    return s;
}

void sb_free(sb *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

int sb_at_line_start(const sb *b)
{
    return b->len == 0 || b->data[b->len - 1] == '\n';
}

char *c_string_body(const char *s)
{
    sb b = {0};
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            sb_putc(&b, '\\');
        if ((unsigned char)*s < ' ') /* a newline in a file's name ended the #line directive */
            sb_printf(&b, "\\%03o", (unsigned char)*s);
        else
            sb_putc(&b, *s);
    }
    return sb_take(&b);
}
