/* resp.h: the Redis protocol (RESP2) for miniredis: a parser that reads commands in place from a
 * connection's input buffer, and a growable output buffer that replies are appended to. */
#ifndef MINIREDIS_RESP_H
#define MINIREDIS_RESP_H

#include <limits.h>
#include <stddef.h>

/* An argument of a command: it points into the input buffer and lives as long as the bytes do. */
struct resp_arg {
    const char *p;
    size_t len;
};

/* One parsed command. argv points at inline_args, or at heap memory for commands with more
 * arguments than that (freed by resp_cmd_free). */
struct resp_cmd {
    int argc;
    int cap;
    struct resp_arg *argv;
    struct resp_arg inline_args[8];
};

/* Limits, as in Redis 7.0's defaults (proto-max-bulk-len 512 MB; the inline size and the
 * argument count, INT_MAX, of its networking.c): a client going past them gets Redis's error ("Protocol error:
 * invalid bulk length"...) and is disconnected. Announced sizes are never reserved whole up
 * front: the argument array starts at RESP_ARGS_AHEAD entries and grows as arguments arrive,
 * and the caller's input buffer grows with the bytes (see resp_parse's *need). */
enum {
    RESP_MAX_ARGS = INT_MAX,
    RESP_MAX_BULK = 512 * 1024 * 1024,
    RESP_MAX_INLINE = 64 * 1024,
    RESP_ARGS_AHEAD = 1024
};

void resp_cmd_init(struct resp_cmd *cmd);
void resp_cmd_free(struct resp_cmd *cmd);

/* Parses one command from buf[0..len): an array of bulk strings ("*2\r\n$3\r\nGET\r\n$1\r\nk\r\n")
 * or an inline command ("GET k\r\n", its quotes decoded as Redis does, in place: it writes into
 * buf), as Redis accepts both. Returns the bytes it used (> 0) with cmd filled in (argc may be 0
 * for an empty line or array, which is to be skipped); 0 when the command is not complete yet,
 * with *need set to the buffer size that will hold it if known (else 0: an announced length
 * is the client's word, not data, so the caller should grow towards *need as bytes arrive); or
 * -1 for a protocol error, with *err set to a message for an "-ERR" reply. */
long resp_parse(char *buf, size_t len, struct resp_cmd *cmd, size_t *need, const char **err);

/* A growable byte buffer. Appending aborts when memory runs out, as Redis does. */
struct outbuf {
    char *p;
    size_t len, cap;
};

void out_free(struct outbuf *o);
/* Makes room for n more bytes and returns where they go (the caller then adds n to len). */
char *out_reserve(struct outbuf *o, size_t n);
void out_bytes(struct outbuf *o, const void *p, size_t n);

/* RESP2 replies. */
void out_simple_n(struct outbuf *o, const char *s, size_t n);      /* +s */
#define out_simple(o, lit) out_simple_n((o), "" lit, sizeof lit - 1) /* a string literal */
void out_error(struct outbuf *o, const char *s);                   /* -s */
void out_int(struct outbuf *o, long long v);                       /* :v */
void out_bulk(struct outbuf *o, const void *p, size_t n);          /* $n payload */
void out_nil(struct outbuf *o);                                    /* $-1 */
void out_array(struct outbuf *o, long long n);                     /* *n, then n replies */

/* Writes v in decimal at dst (room for 20 digits and a sign) and returns the length. */
size_t fmt_ll(char *dst, long long v);

/* Parses a whole argument as a decimal long long, as Redis's string2ll does (no spaces, no
 * "+", no leading zeros). Returns 0 or -1. */
int parse_ll(const char *p, size_t len, long long *v);

#endif
