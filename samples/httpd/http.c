/* http.c: request parsing, path cleaning and response heads for httpd (see http.h). Plain C. */
#define _GNU_SOURCE /* strptime, timegm */
#include "http.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* Case-insensitive comparison of a header name or value against a lower-case word. */
static int word_is(const char *p, size_t n, const char *w)
{
    return strlen(w) == n && strncasecmp(p, w, n) == 0;
}

/* Whether a comma-separated header value contains token w (Connection: keep-alive, Upgrade). */
static int has_token(const char *v, size_t n, const char *w)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && (v[i] == ' ' || v[i] == '\t' || v[i] == ','))
            i++;
        size_t s = i;
        while (i < n && v[i] != ',')
            i++;
        size_t e = i;
        while (e > s && (v[e - 1] == ' ' || v[e - 1] == '\t'))
            e--;
        if (word_is(v + s, e - s, w))
            return 1;
    }
    return 0;
}

/* The end of the line starting at p (its LF, or its CR before the LF) and where the next begins;
 * NULL for a CR not followed by LF, which no line may hold. Lines end in CRLF or, as RFC 9112
 * lets a recipient accept and nginx does, LF alone. p..end holds the LF. */
static const char *line_end(const char *p, const char *end, const char **next)
{
    const char *lf = memchr(p, '\n', (size_t)(end - p));
    const char *eol = lf > p && lf[-1] == '\r' ? lf - 1 : lf;
    if (memchr(p, '\r', (size_t)(eol - p)))
        return NULL;
    *next = lf + 1;
    return eol;
}

/* The request line, METHOD SP TARGET SP HTTP/1.x, at p..eol: spaces may repeat and trail, as
 * nginx takes them. Returns 0, or minus the status to refuse it with. */
static long request_line(const char *p, const char *eol, struct request *rq)
{
    const char *m = p;
    while (p < eol && ((*p >= 'A' && *p <= 'Z') || *p == '_' || *p == '-'))
        p++; /* methods are upper case, as nginx wants them */
    if (p == m || p == eol || *p != ' ')
        return -400;
    rq->method = m;
    rq->method_len = (size_t)(p - m);
    while (p < eol && *p == ' ')
        p++;
    const char *t = p;
    while (p < eol && *p != ' ')
        p++;
    rq->target = t;
    rq->target_len = (size_t)(p - t);
    while (p < eol && *p == ' ')
        p++;
    const char *ver = p;
    while (p < eol && *p != ' ')
        p++;
    const char *ver_end = p;
    while (p < eol && *p == ' ')
        p++;
    if (rq->target_len == 0 || p != eol || ver_end - ver != 8 || memcmp(ver, "HTTP/", 5) != 0 || ver[6] != '.')
        return -400;
    if (ver[5] != '1' || ver[7] < '0' || ver[7] > '9')
        return -505;
    rq->minor = ver[7] - '0';
    rq->keep_alive = rq->minor >= 1;
    return 0;
}

/* One header field line at p..eol into rq. Returns 0, or minus the status to refuse it with. */
static long header_line(const char *p, const char *eol, struct request *rq)
{
    const char *colon = memchr(p, ':', (size_t)(eol - p));
    /* No name, whitespace before the colon (RFC 9112 says 400) or a folded line. */
    if (!colon || colon == p || p[0] == ' ' || p[0] == '\t' || colon[-1] == ' ' || colon[-1] == '\t')
        return -400;
    const char *v = colon + 1;
    while (v < eol && (*v == ' ' || *v == '\t'))
        v++;
    size_t name_len = (size_t)(colon - p), vlen = (size_t)(eol - v);
    while (vlen > 0 && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
        vlen--;
    if (word_is(p, name_len, "host")) {
        if (rq->has_host)
            return -400; /* two Hosts: RFC 9112 says 400, as nginx answers */
        rq->has_host = 1;
    } else if (word_is(p, name_len, "connection")) {
        if (has_token(v, vlen, "close"))
            rq->keep_alive = 0;
        else if (has_token(v, vlen, "keep-alive"))
            rq->keep_alive = 1;
    } else if (word_is(p, name_len, "content-length")) {
        /* A body is read and thrown away (a static file server has no use for one), up to
         * HTTP_BODY_MAX: nginx's client_max_body_size, past which it answers 413. */
        long long n = 0;
        for (size_t i = 0; i < vlen; i++) {
            if (v[i] < '0' || v[i] > '9' || n > HTTP_BODY_MAX)
                return -400;
            n = n * 10 + (v[i] - '0');
        }
        if (vlen == 0 || (rq->has_length && rq->body_len != n))
            return -400;
        if (n > HTTP_BODY_MAX)
            return -413;
        rq->body_len = n;
        rq->has_length = 1;
    } else if (word_is(p, name_len, "transfer-encoding")) {
        return -501; /* a chunked body: not taken */
    } else if (word_is(p, name_len, "expect")) {
        rq->expect_continue = word_is(v, vlen, "100-continue");
    } else if (word_is(p, name_len, "if-modified-since")) {
        rq->if_modified_since = v;
        rq->if_modified_since_len = vlen;
    }
    return 0;
}

long http_parse(const char *buf, size_t len, struct request *rq)
{
    /* Empty lines before a request are skipped (RFC 9112: at least one; nginx: any). */
    size_t skip = 0;
    while (skip < len && skip < HTTP_HEAD_MAX && (buf[skip] == '\r' || buf[skip] == '\n'))
        skip++;
    const char *head = buf + skip, *end = NULL;
    /* Search only what can be a head; a client that sends more without a blank line is refused. */
    size_t limit = len < HTTP_HEAD_MAX ? len : HTTP_HEAD_MAX;
    for (const char *lf = head; (lf = memchr(lf, '\n', (size_t)(buf + limit - lf))) != NULL; lf++) {
        const char *next = lf + 1;
        if (next < buf + limit && *next == '\r')
            next++;
        if (next < buf + limit && *next == '\n') {
            end = next + 1;
            break;
        }
    }
    const char *first_lf = memchr(head, '\n', (size_t)(buf + limit - head));
    if ((first_lf ? (size_t)(first_lf - head) : limit - skip) > HTTP_LINE_MAX)
        return -414; /* the request line is too long (nginx: 414) */
    if (!end)
        return len >= HTTP_HEAD_MAX ? -431 : 0;

    memset(rq, 0, sizeof *rq);
    const char *p = head, *next;
    const char *eol = line_end(p, end, &next);
    if (!eol)
        return -400;
    long r = request_line(p, eol, rq);
    if (r < 0)
        return r;
    /* Header fields, up to the empty line. */
    for (p = next; (eol = line_end(p, end, &next)) != p; p = next) {
        if (!eol)
            return -400;
        if (eol - p > HTTP_LINE_MAX)
            return -431;
        if ((r = header_line(p, eol, rq)) < 0)
            return r;
    }
    if (rq->minor >= 1 && !rq->has_host)
        return -400; /* RFC 9112: a 1.1 request without Host is refused */
    return (long)(end - buf);
}

static int hex(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c |= 0x20;
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

int http_path(const char *target, size_t len, char *out, int *is_dir)
{
    /* The absolute form ("http://host/path"), which RFC 9112 says a server must accept (as
     * nginx does): its path is what follows the authority, "/" when nothing does. */
    size_t scheme = len >= 7 && strncasecmp(target, "http://", 7) == 0    ? 7
                    : len >= 8 && strncasecmp(target, "https://", 8) == 0 ? 8
                                                                           : 0;
    if (scheme) {
        const char *slash = memchr(target + scheme, '/', len - scheme);
        len = slash ? len - (size_t)(slash - target) : 1;
        target = slash ? slash : "/";
    }
    /* Else only origin-form targets ("/path?query"); the query and fragment are not part of the path. */
    if (len == 0 || target[0] != '/')
        return -400;
    for (size_t i = 0; i < len; i++)
        if (target[i] == '?' || target[i] == '#') {
            len = i;
            break;
        }
    size_t n = 0;        /* bytes written to out */
    size_t seg = 0;      /* where the current segment starts in out */
    size_t i = 1;
    for (;;) {
        /* Decode one segment into out[seg..n). */
        while (i < len && target[i] != '/') {
            int c = (unsigned char)target[i++];
            if (c == '%') {
                int hi = i + 1 < len ? hex(target[i]) : -1, lo = i + 1 < len ? hex(target[i + 1]) : -1;
                if (hi < 0 || lo < 0)
                    return -400;
                c = hi * 16 + lo;
                i += 2;
                if (c == 0)
                    return -400;
            }
            if (n + 2 >= HTTP_PATH_MAX - 16)
                return -404; /* longer than a file system takes: nginx's open fails, 404 */
            out[n++] = (char)c;
        }
        /* An encoded '/' decodes into the segment: refuse it rather than guess what was meant. */
        if (memchr(out + seg, '/', n - seg))
            return -400;
        size_t slen = n - seg;
        if (slen == 1 && out[seg] == '.') {
            n = seg;
        } else if (slen == 2 && out[seg] == '.' && out[seg + 1] == '.') {
            if (seg == 0)
                return -400; /* above the root */
            /* Drop the previous segment (out[..seg-1] ends with its '/'). */
            n = seg - 1;
            while (n > 0 && out[n - 1] != '/')
                n--;
        } else if (slen > 0 && i < len) {
            out[n++] = '/';
        }
        if (i >= len)
            break;
        i++; /* the '/' */
        seg = n;
    }
    /* A path ending in '/' (or empty: the root) names a directory: serve its index.html. */
    *is_dir = n == 0 || out[n - 1] == '/' || target[len - 1] == '/';
    if (*is_dir) {
        if (n > 0 && out[n - 1] != '/')
            out[n++] = '/';
        memcpy(out + n, "index.html", 11);
    } else {
        out[n] = 0;
    }
    return 0;
}

const char *http_mime(const char *path)
{
    /* nginx's (its mime.types, as Debian ships it) for the common extensions, case ignored; its
     * default_type for the rest. */
    static const struct {
        const char *ext, *type;
    } types[] = {
        {"html", "text/html"}, {"htm", "text/html"}, {"css", "text/css"}, {"js", "application/javascript"},
        {"json", "application/json"}, {"txt", "text/plain"}, {"xml", "text/xml"}, {"png", "image/png"},
        {"jpg", "image/jpeg"}, {"jpeg", "image/jpeg"}, {"gif", "image/gif"}, {"svg", "image/svg+xml"},
        {"webp", "image/webp"}, {"avif", "image/avif"}, {"ico", "image/x-icon"}, {"woff", "font/woff"},
        {"woff2", "font/woff2"}, {"wasm", "application/wasm"}, {"pdf", "application/pdf"},
        {"zip", "application/zip"}, {"mp3", "audio/mpeg"}, {"ogg", "audio/ogg"}, {"mp4", "video/mp4"},
        {"webm", "video/webm"}, {"xhtml", "application/xhtml+xml"}, {"rss", "application/rss+xml"},
        {"atom", "application/atom+xml"},
    };
    const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
    if (dot && (!slash || dot > slash))
        for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
            if (strcasecmp(dot + 1, types[i].ext) == 0)
                return types[i].type;
    return "application/octet-stream";
}

const char *http_reason(int status)
{
    switch (status) {
    case 200: return "OK";
    case 301: return "Moved Permanently";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 505: return "HTTP Version Not Supported";
    default: return "Error";
    }
}

void http_date(char *out, time_t t)
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 40, "%a, %d %b %Y %H:%M:%S GMT", &tm);
}

int http_not_modified(const struct request *rq, time_t mtime)
{
    char text[40];
    if (!rq->if_modified_since || rq->if_modified_since_len >= sizeof text)
        return 0;
    memcpy(text, rq->if_modified_since, rq->if_modified_since_len);
    text[rq->if_modified_since_len] = 0;
    struct tm tm = {0};
    const char *end = strptime(text, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    return end && !*end && timegm(&tm) == mtime;
}

/* The Date header's text, formatted once a second per thread (every worker keeps its own). */
static const char *date_now(void)
{
    static __thread time_t cached;
    static __thread char text[40];
    time_t now = time(NULL);
    if (now != cached) {
        http_date(text, now);
        cached = now;
    }
    return text;
}

size_t http_head(char *out, int status, const char *type, long long length, int keep_alive, int minor,
                 const char *extra)
{
    char length_line[48] = "";
    if (length >= 0)
        snprintf(length_line, sizeof length_line, "Content-Length: %lld\r\n", length);
    int n = snprintf(out, 512, "HTTP/1.1 %d %s\r\nServer: asyncc-httpd\r\nDate: %s\r\n%s%s%s%s%s",
                     status, http_reason(status), date_now(), type ? "Content-Type: " : "", type ? type : "",
                     type ? "\r\n" : "", length_line,
                     !keep_alive ? "Connection: close\r\n" : minor == 0 ? "Connection: keep-alive\r\n" : "");
    size_t len = (size_t)n;
    if (extra) {
        size_t e = strlen(extra);
        memcpy(out + len, extra, e);
        len += e;
    }
    memcpy(out + len, "\r\n", 2);
    return len + 2;
}
