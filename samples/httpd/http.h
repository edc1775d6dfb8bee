/* http.h: the HTTP/1.1 parts of httpd that never wait: parsing a request head in place, turning
 * its target into a safe path under the root, and formatting response heads. */
#ifndef HTTPD_HTTP_H
#define HTTPD_HTTP_H

#include <stddef.h>

enum { HTTP_HEAD_MAX = 8192, HTTP_PATH_MAX = 4096 };

struct request {
    const char *method, *target; /* point into the input buffer; not NUL-terminated */
    size_t method_len, target_len;
    int minor;       /* HTTP/1.minor */
    int keep_alive;  /* what the client asked for (after the version's default) */
    int has_host;
};

/* Parses the request head at buf[0..len). Returns the length of the head (through the blank
 * line) with *rq filled in; 0 when the head is not complete; or minus an HTTP status for a
 * request to refuse (-400 malformed, -431 head too large, -501 a body or transfer coding this
 * server does not take, -505 not HTTP/1.x). */
long http_parse(const char *buf, size_t len, struct request *rq);

/* Turns the target's path (before any '?'; after the authority of an absolute-form target such
 * as "http://host/a") into a path relative to the root, without "." or
 * ".." segments, percent-decoded, into out (HTTP_PATH_MAX bytes). A ".." that would climb above
 * the root, an encoded NUL or a malformed escape make it fail. "/" and paths ending in '/' get
 * "index.html" appended. Returns 0, or -400. *is_dir says whether the path ended in '/'. */
int http_path(const char *target, size_t len, char *out, int *is_dir);

/* The Content-Type for a file name, from its extension. */
const char *http_mime(const char *path);

/* Writes a response head into out (room for 512 bytes plus extra) and returns its length:
 * status line, Server, Date, Content-Type (when type is not NULL), Content-Length, Connection
 * as keep_alive and minor say, then the extra header lines (each ending in CRLF, may be NULL). */
size_t http_head(char *out, int status, const char *type, long long length, int keep_alive, int minor,
                 const char *extra);

/* The reason phrase of a status. */
const char *http_reason(int status);

#endif
