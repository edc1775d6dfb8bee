/* http.h: the HTTP/1.1 parts of httpd that never wait: parsing a request head in place, turning
 * its target into a safe path under the root, and formatting response heads. */
#ifndef HTTPD_HTTP_H
#define HTTPD_HTTP_H

#include <stddef.h>
#include <time.h>

/* A request head of up to 32 KiB, each of its lines up to 8 KiB (nginx's
 * large_client_header_buffers 4 8k). */
enum { HTTP_HEAD_MAX = 32 * 1024, HTTP_LINE_MAX = 8 * 1024, HTTP_PATH_MAX = 4096, HTTP_BODY_MAX = 1024 * 1024 };

struct request {
    const char *method, *target; /* point into the input buffer; not NUL-terminated */
    size_t method_len, target_len;
    int minor;       /* HTTP/1.minor */
    int keep_alive;  /* what the client asked for (after the version's default) */
    int has_host;
    long long body_len;  /* Content-Length, read and thrown away */
    int has_length;
    int expect_continue; /* Expect: 100-continue */
    const char *if_modified_since; /* the header's value, or NULL */
    size_t if_modified_since_len;
};

/* Parses the request head at buf[0..len) (lines ending in CRLF or LF; empty lines before it
 * skipped). Returns the length of the head (through the blank line) with *rq filled in; 0 when
 * the head is not complete; or minus an HTTP status for a request to refuse (-400 malformed,
 * -413 a Content-Length over HTTP_BODY_MAX, -414 a request line over HTTP_LINE_MAX, -431 a
 * header line over it or a head over HTTP_HEAD_MAX, -501 a chunked body, -505 not HTTP/1.x). */
long http_parse(const char *buf, size_t len, struct request *rq);

/* Turns the target's path (before any '?'; after the authority of an absolute-form target such
 * as "http://host/a") into a path relative to the root, without "." or
 * ".." segments, percent-decoded, into out (HTTP_PATH_MAX bytes). A ".." that would climb above
 * the root, an encoded NUL or a malformed escape make it fail. "/" and paths ending in '/' get
 * "index.html" appended. Returns 0, -400, or -404 for a path too long for any file system.
 * *is_dir says whether the path ended in '/'. */
int http_path(const char *target, size_t len, char *out, int *is_dir);

/* The Content-Type for a file name, from its extension. */
const char *http_mime(const char *path);

/* Writes a response head into out (room for 512 bytes plus extra) and returns its length:
 * status line, Server, Date, Content-Type (when type is not NULL), Content-Length (when length
 * is not negative), Connection as keep_alive and minor say, then the extra header lines (each
 * ending in CRLF, may be NULL). */
size_t http_head(char *out, int status, const char *type, long long length, int keep_alive, int minor,
                 const char *extra);

/* Writes time t as an HTTP date ("Sun, 06 Nov 1994 08:49:37 GMT") into out (40 bytes). */
void http_date(char *out, time_t t);

/* Whether the request's If-Modified-Since names mtime exactly (nginx's if_modified_since exact:
 * a client sends back the Last-Modified it was given), so that a 304 answers it. */
int http_not_modified(const struct request *rq, time_t mtime);

/* The reason phrase of a status. */
const char *http_reason(int status);

#endif
