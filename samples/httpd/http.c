/* http.c: request parsing, path cleaning and response heads for httpd (see http.h). Plain C. */
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

long http_parse(const char *buf, size_t len, struct request *rq)
{
    const char *end = NULL;
    /* Search only what can be a head; a client that sends more without a blank line is refused. */
    size_t limit = len < HTTP_HEAD_MAX ? len : HTTP_HEAD_MAX;
    for (size_t i = 3; i < limit; i++)
        if (buf[i] == '\n' && buf[i - 1] == '\r' && buf[i - 2] == '\n' && buf[i - 3] == '\r') {
            end = buf + i + 1;
            break;
        }
    if (!end)
        return len >= HTTP_HEAD_MAX ? -431 : 0;

    memset(rq, 0, sizeof *rq);
    const char *p = buf, *eol = memchr(p, '\r', (size_t)(end - p));
    /* Request line: METHOD SP TARGET SP HTTP/1.x */
    const char *sp1 = memchr(p, ' ', (size_t)(eol - p));
    if (!sp1 || sp1 == p)
        return -400;
    const char *sp2 = memchr(sp1 + 1, ' ', (size_t)(eol - sp1 - 1));
    if (!sp2 || sp2 == sp1 + 1)
        return -400;
    rq->method = p;
    rq->method_len = (size_t)(sp1 - p);
    rq->target = sp1 + 1;
    rq->target_len = (size_t)(sp2 - sp1 - 1);
    const char *ver = sp2 + 1;
    if (eol - ver != 8 || memcmp(ver, "HTTP/", 5) != 0 || ver[6] != '.')
        return -400;
    if (ver[5] != '1' || ver[7] < '0' || ver[7] > '9')
        return -505;
    rq->minor = ver[7] - '0';
    rq->keep_alive = rq->minor >= 1;

    /* Header fields. */
    for (p = eol + 2; p < end - 2; p = eol + 2) {
        eol = memchr(p, '\r', (size_t)(end - p));
        if (!eol || eol[1] != '\n')
            return -400;
        const char *colon = memchr(p, ':', (size_t)(eol - p));
        if (!colon || colon == p || p[0] == ' ' || p[0] == '\t')
            return -400; /* no obsolete line folding either */
        const char *v = colon + 1;
        while (v < eol && (*v == ' ' || *v == '\t'))
            v++;
        size_t name_len = (size_t)(colon - p), vlen = (size_t)(eol - v);
        if (word_is(p, name_len, "host")) {
            rq->has_host = 1;
        } else if (word_is(p, name_len, "connection")) {
            if (has_token(v, vlen, "close"))
                rq->keep_alive = 0;
            else if (has_token(v, vlen, "keep-alive"))
                rq->keep_alive = 1;
        } else if (word_is(p, name_len, "content-length")) {
            if (!(vlen == 1 && v[0] == '0'))
                return -501; /* a static file server takes no request bodies */
        } else if (word_is(p, name_len, "transfer-encoding")) {
            return -501;
        }
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
                return -400;
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
    static const struct {
        const char *ext, *type;
    } types[] = {
        {"html", "text/html; charset=utf-8"}, {"htm", "text/html; charset=utf-8"},
        {"css", "text/css"}, {"js", "text/javascript"}, {"json", "application/json"},
        {"txt", "text/plain; charset=utf-8"}, {"png", "image/png"}, {"jpg", "image/jpeg"},
        {"jpeg", "image/jpeg"}, {"gif", "image/gif"}, {"svg", "image/svg+xml"},
        {"ico", "image/x-icon"}, {"wasm", "application/wasm"}, {"pdf", "application/pdf"},
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
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 505: return "HTTP Version Not Supported";
    default: return "Error";
    }
}

/* The Date header's text, formatted once a second per thread (every worker keeps its own). */
static const char *date_now(void)
{
    static __thread time_t cached;
    static __thread char text[40];
    time_t now = time(NULL);
    if (now != cached) {
        struct tm tm;
        gmtime_r(&now, &tm);
        strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &tm);
        cached = now;
    }
    return text;
}

size_t http_head(char *out, int status, const char *type, long long length, int keep_alive, int minor,
                 const char *extra)
{
    int n = snprintf(out, 512, "HTTP/1.1 %d %s\r\nServer: asyncc-httpd\r\nDate: %s\r\n%s%s%sContent-Length: %lld\r\n%s",
                     status, http_reason(status), date_now(), type ? "Content-Type: " : "", type ? type : "",
                     type ? "\r\n" : "", length,
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
