/* buf.c: growable strings and allocation helpers that abort on exhaustion.
 * A transpiler that runs out of memory has nothing better to do than stop. */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static void grow(sb *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap * 2 : 256;
    while (cap < b->len + extra + 1)
        cap *= 2;
    b->data = xrealloc(b->data, cap);
    b->cap = cap;
}

void sb_putn(sb *b, const char *s, size_t n)
{
    grow(b, n);
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = 0;
}

void sb_puts(sb *b, const char *s)
{
    sb_putn(b, s, strlen(s));
}

void sb_putc(sb *b, char c)
{
    sb_putn(b, &c, 1);
}

void sb_vprintf(sb *b, const char *fmt, va_list ap)
{
    grow(b, 128);
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, copy);
    va_end(copy);
    if (n < 0)
        return;
    if ((size_t)n >= b->cap - b->len) {
        grow(b, (size_t)n);
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

char *xasprintf(const char *fmt, ...)
{
    sb b = {0};
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&b, fmt, ap);
    va_end(ap);
    return sb_take(&b);
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
        sb_putc(&b, *s);
    }
    return sb_take(&b);
}
