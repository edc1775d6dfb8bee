/* resp.c: RESP2 parsing in place and reply formatting for miniredis (see resp.h).
 * Plain C: nothing here awaits, so it is compiled as it is. */
#include "resp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void resp_cmd_init(struct resp_cmd *cmd)
{
    cmd->argc = 0;
    cmd->cap = (int)(sizeof cmd->inline_args / sizeof cmd->inline_args[0]);
    cmd->argv = cmd->inline_args;
}

void resp_cmd_free(struct resp_cmd *cmd)
{
    if (cmd->argv != cmd->inline_args)
        free(cmd->argv);
    resp_cmd_init(cmd);
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n);
    if (!p) {
        fputs("miniredis: out of memory\n", stderr);
        abort();
    }
    return p;
}

/* Makes room for n arguments, at least doubling the room (an inline command adds one at a
 * time). */
static void cmd_reserve(struct resp_cmd *cmd, long long n)
{
    if (n <= cmd->cap)
        return;
    if (n < 2LL * cmd->cap)
        n = 2LL * cmd->cap;
    struct resp_arg *heap = cmd->argv == cmd->inline_args ? NULL : cmd->argv;
    heap = xrealloc(heap, (size_t)n * sizeof *heap);
    if (cmd->argv == cmd->inline_args)
        memcpy(heap, cmd->inline_args, sizeof cmd->inline_args);
    cmd->argv = heap;
    cmd->cap = (int)n;
}

/* Reads the decimal number of a "*N\r\n" or "$N\r\n" header line starting after its type byte,
 * as Redis does: the line ends at the first CR, its number is what string2ll accepts (no sign but
 * "-", no leading zero), and a line with no CR in 64 KB is too big. Returns the position after
 * the line, NULL when the line is not complete, BAD_LINE for a malformed number or TOO_BIG. It is
 * stricter than Redis in one place: the CR must be followed by LF (Redis skips the byte). */
#define BAD_LINE ((const char *)1)
#define TOO_BIG ((const char *)2)
static inline __attribute__((always_inline)) const char *header_number(const char *p, const char *end, long long *out)
{
    /* One or two digits, as nearly every argument count and length has: no loop. */
    if (end - p >= 4 && (unsigned)(p[0] - '0') < 10 && (p[0] != '0' || p[1] == '\r')) {
        if (p[1] == '\r' && p[2] == '\n') {
            *out = p[0] - '0';
            return p + 3;
        }
        if ((unsigned)(p[1] - '0') < 10 && p[2] == '\r' && p[3] == '\n') {
            *out = (p[0] - '0') * 10 + (p[1] - '0');
            return p + 4;
        }
    }
    const char *cr = memchr(p, '\r', (size_t)(end - p));
    if (!cr)
        return end - (p - 1) > RESP_MAX_INLINE ? TOO_BIG : NULL;
    if (end - cr < 2)
        return NULL;
    if (cr[1] != '\n' || parse_ll(p, (size_t)(cr - p), out) != 0)
        return BAD_LINE;
    return cr + 2;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

static int hex_value(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
}

/* Decodes one argument of an inline command at *pp (not a space), as Redis's sdssplitargs does:
 * "double quotes" with \n \r \t \b \a \xHH escapes, 'single quotes' with \', and quotes that
 * must be followed by a space or the end. Writes the bytes at w (never ahead of what it reads)
 * and returns their end, or NULL for unbalanced quotes. */
static char *inline_arg(char **pp, char *end, char *w)
{
    char *p = *pp;
    char quote = 0;
    for (; p < end; p++) {
        char c = *p;
        if (!quote) {
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') /* not \v or \f, as in Redis */
                break;
            if (c == '"' || c == '\'') {
                quote = c;
                continue;
            }
        } else if (c == quote) {
            if (p + 1 < end && !is_space(p[1]))
                return NULL;
            quote = 0;
            p++;
            break;
        } else if (c == '\\' && quote == '\'' && p + 1 < end && p[1] == '\'') {
            c = *++p;
        } else if (c == '\\' && quote == '"' && p + 3 < end && p[1] == 'x' && hex_value(p[2]) >= 0 &&
                   hex_value(p[3]) >= 0) {
            c = (char)(hex_value(p[2]) * 16 + hex_value(p[3]));
            p += 3;
        } else if (c == '\\' && quote == '"' && p + 1 < end) {
            c = *++p;
            c = c == 'n' ? '\n' : c == 'r' ? '\r' : c == 't' ? '\t' : c == 'b' ? '\b' : c == 'a' ? '\a' : c;
        }
        *w++ = c;
    }
    *pp = p;
    return quote ? NULL : w;
}

/* An inline command ("SET k \"a b\"\r\n", as typed into telnet): its arguments are decoded in
 * place, over the line's own bytes. */
static long parse_inline(char *buf, size_t len, struct resp_cmd *cmd, const char **err)
{
    char *nl = memchr(buf, '\n', len);
    if (!nl) {
        if (len > RESP_MAX_INLINE) {
            *err = "Protocol error: too big inline request";
            return -1;
        }
        return 0;
    }
    char *end = nl;
    if (end > buf && end[-1] == '\r')
        end--;
    cmd->argc = 0;
    for (char *p = buf, *w = buf; p < end;) {
        while (p < end && is_space(*p))
            p++;
        if (p == end)
            break;
        char *start = w;
        w = inline_arg(&p, end, w);
        if (!w) {
            *err = "Protocol error: unbalanced quotes in request";
            return -1;
        }
        cmd_reserve(cmd, cmd->argc + 1LL);
        cmd->argv[cmd->argc++] = (struct resp_arg){start, (size_t)(w - start)};
    }
    return (long)(nl + 1 - buf);
}

long resp_parse(char *buf, size_t len, struct resp_cmd *cmd, size_t *need, const char **err)
{
    const char *p = buf, *end = buf + len;
    long long n;
    *need = 0;
    cmd->argc = 0;
    if (len == 0)
        return 0;
    if (*p != '*')
        return parse_inline(buf, len, cmd, err);
    p = header_number(p + 1, end, &n);
    if (p == NULL)
        return 0;
    if (p == TOO_BIG || p == BAD_LINE || n > RESP_MAX_ARGS) {
        *err = p == TOO_BIG ? "Protocol error: too big mbulk count string" : "Protocol error: invalid multibulk length";
        return -1;
    }
    if (n <= 0)
        return (long)(p - buf);
    /* Room for the arguments that arrived, not for all the count announces (as Redis, which
     * allocates at most 1024 ahead). */
    cmd_reserve(cmd, n < RESP_ARGS_AHEAD ? n : RESP_ARGS_AHEAD);
    for (long long i = 0; i < n; i++) {
        if (p >= end)
            return 0;
        if (i == cmd->cap)
            cmd_reserve(cmd, i + 1);
        if (*p != '$') {
            /* Redis's words, which quote the byte found (err points at static storage, written
             * only here: the reply is formatted before the next parse). */
            static __thread char msg[40];
            snprintf(msg, sizeof msg, "Protocol error: expected '$', got '%c'", *p);
            *err = msg;
            return -1;
        }
        long long blen;
        const char *data = header_number(p + 1, end, &blen);
        if (data == NULL)
            return 0;
        if (data == TOO_BIG || data == BAD_LINE || blen < 0 || blen > RESP_MAX_BULK) {
            *err = data == TOO_BIG ? "Protocol error: too big bulk count string" : "Protocol error: invalid bulk length";
            return -1;
        }
        if ((size_t)(end - data) < (size_t)blen + 2) {
            /* A large argument: tell the caller how much buffer the command needs at least. */
            *need = (size_t)(data - buf) + (size_t)blen + 2;
            return 0;
        }
        if (data[blen] != '\r' || data[blen + 1] != '\n') {
            *err = "Protocol error: bulk string not followed by CRLF";
            return -1;
        }
        cmd->argv[i] = (struct resp_arg){data, (size_t)blen};
        p = data + blen + 2;
    }
    cmd->argc = (int)n;
    return (long)(p - buf);
}

/* ---- Output ---- */

void out_free(struct outbuf *o)
{
    free(o->p);
    o->p = NULL;
    o->len = o->cap = 0;
}

char *out_reserve(struct outbuf *o, size_t n)
{
    if (o->cap - o->len < n) {
        size_t cap = o->cap ? o->cap : 4096;
        while (cap - o->len < n)
            cap *= 2;
        o->p = xrealloc(o->p, cap);
        o->cap = cap;
    }
    return o->p + o->len;
}

void out_bytes(struct outbuf *o, const void *p, size_t n)
{
    memcpy(out_reserve(o, n), p, n);
    o->len += n;
}

size_t fmt_ll(char *dst, long long v)
{
    char tmp[24];
    size_t n = 0;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    size_t len = 0;
    if (v < 0)
        dst[len++] = '-';
    while (n)
        dst[len++] = tmp[--n];
    return len;
}

/* type, then v in decimal, then CRLF: the header of an integer, bulk string or array. */
static void out_header(struct outbuf *o, char type, long long v)
{
    char *d = out_reserve(o, 24);
    d[0] = type;
    size_t n = 1 + fmt_ll(d + 1, v);
    d[n] = '\r';
    d[n + 1] = '\n';
    o->len += n + 2;
}

static void out_line(struct outbuf *o, char type, const char *s, size_t n)
{
    char *d = out_reserve(o, n + 3);
    d[0] = type;
    memcpy(d + 1, s, n);
    d[n + 1] = '\r';
    d[n + 2] = '\n';
    o->len += n + 3;
}

void out_simple_n(struct outbuf *o, const char *s, size_t n)
{
    out_line(o, '+', s, n);
}

void out_error(struct outbuf *o, const char *s)
{
    size_t at = o->len;
    out_line(o, '-', s, strlen(s));
    /* An error may quote the client's bytes: a line break in them would end the reply early. */
    for (char *p = o->p + at + 1; p < o->p + o->len - 2; p++)
        if (*p == '\r' || *p == '\n')
            *p = ' ';
}

void out_int(struct outbuf *o, long long v)
{
    out_header(o, ':', v);
}

void out_array(struct outbuf *o, long long n)
{
    out_header(o, '*', n);
}

void out_nil(struct outbuf *o)
{
    out_bytes(o, "$-1\r\n", 5);
}

void out_bulk(struct outbuf *o, const void *p, size_t n)
{
    char *d = out_reserve(o, n + 24 + 2);
    d[0] = '$';
    size_t h = 1 + fmt_ll(d + 1, (long long)n);
    d[h] = '\r';
    d[h + 1] = '\n';
    memcpy(d + h + 2, p, n);
    d[h + 2 + n] = '\r';
    d[h + 3 + n] = '\n';
    o->len += h + 4 + n;
}

int parse_ll(const char *p, size_t len, long long *v)
{
    if (len == 0 || len > 20)
        return -1;
    size_t i = 0;
    int neg = 0;
    if (p[0] == '-') {
        neg = 1;
        if (++i == len)
            return -1;
    }
    if (p[i] == '0' && len > i + 1)
        return -1; /* leading zeros would not survive a round trip to text */
    unsigned long long u = 0;
    for (; i < len; i++) {
        if (p[i] < '0' || p[i] > '9')
            return -1;
        unsigned d = (unsigned)(p[i] - '0');
        if (u > (~0ULL - d) / 10)
            return -1;
        u = u * 10 + d;
    }
    if (neg) {
        if (u > (unsigned long long)1 << 63)
            return -1;
        if (u == 0)
            return -1; /* "-0" */
        *v = (long long)(0ULL - u);
    } else {
        if (u > (unsigned long long)0x7fffffffffffffffLL)
            return -1;
        *v = (long long)u;
    }
    return 0;
}
