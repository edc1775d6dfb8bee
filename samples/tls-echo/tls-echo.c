/* tls-echo.c: a TLS echo server: OpenSSL in non-blocking mode, driven by fd readiness. Each
 * SSL_accept, SSL_read, SSL_write or SSL_shutdown that wants the socket readable or writable
 * awaits ac_fd_readable or ac_fd_writable and tries again. Usage:
 *   tls-echo --cert CERT.pem --key KEY.pem [--port N] [--handshake-timeout SECONDS]
 *   (127.0.0.1; default 8443, 0: any; a handshake not done in 60 s closes the connection) */
#include <asyncc.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static SSL_CTX *ctx;

/* Runs one OpenSSL call on ssl until it stops asking for the socket, awaiting readiness in
 * between. OpenSSL's error queue belongs to the thread, and a task may continue on another worker
 * after an await: so the queue is cleared before each call and read right after it, with no
 * await in between. Returns the call's result (> 0), or 0 for a clean end (close_notify), or
 * -1 for an error (the connection is to be dropped). */
enum tls_op { TLS_ACCEPT, TLS_READ, TLS_WRITE, TLS_SHUTDOWN };

async int tls_call(SSL *ssl, int fd, enum tls_op op, void *buf, int len)
{
    for (;;) {
        ERR_clear_error();
        int r;
        switch (op) {
        case TLS_ACCEPT: r = SSL_accept(ssl); break;
        case TLS_READ: r = SSL_read(ssl, buf, len); break;
        case TLS_WRITE: r = SSL_write(ssl, buf, len); break;
        default: r = SSL_shutdown(ssl); break;
        }
        if (r > 0)
            return r;
        int e = SSL_get_error(ssl, r);
        if (op == TLS_SHUTDOWN && r == 0)
            e = SSL_ERROR_WANT_READ; /* our close_notify is out; wait for the peer's */
        if (e == SSL_ERROR_WANT_READ) {
            if (await(ac_fd_readable(fd)) < 0)
                return -1;
        } else if (e == SSL_ERROR_WANT_WRITE) {
            if (await(ac_fd_writable(fd)) < 0)
                return -1;
        } else if (e == SSL_ERROR_ZERO_RETURN) {
            return 0; /* the peer sent close_notify */
        } else {
            return -1; /* SSL_ERROR_SYSCALL (the peer vanished), SSL_ERROR_SSL (a bad handshake)... */
        }
    }
}

/* How long a client may take to finish its handshake, in ms (0: for ever); past it the
 * connection is closed, so that clients that connect and stall (or trickle a ClientHello) do
 * not hold a descriptor and an SSL each for good. nginx's ssl_handshake_timeout, 60 s. */
static unsigned long handshake_ms = 60000;

/* SSL_accept under handshake_ms. Returns tls_call's result, or -1 when the time ran out. */
async int handshake(SSL *ssl, int fd)
{
    if (!handshake_ms)
        return await(tls_call(ssl, fd, TLS_ACCEPT, NULL, 0));
    int r = -1;
    if (await(ac_timeout(handshake_ms, r = tls_call(ssl, fd, TLS_ACCEPT, NULL, 0))) < 0)
        return -1;
    return r;
}

struct session {
    int fd;
    SSL *ssl;
};

static void session_free(struct session *s)
{
    SSL_free(s->ssl);
    close(s->fd);
}

/* One client: the handshake, then every record's bytes sent back, until close_notify. Owns fd.
 * Its SSL is made here, under the cleanup that frees it, not by the accept loop: a task the
 * runtime drops before its first poll (main returned just after the spawn) runs none of its
 * code, cleanups included, and an SSL made for it beforehand leaked (LeakSanitizer at exit after
 * SIGTERM under a flood of connections). */
async void serve(int fd)
{
    struct session s __attribute__((cleanup(session_free))) = {fd, SSL_new(ctx)};
    char buf[16384]; /* one TLS record's worth */
    if (!s.ssl || ac_fd_set_nonblocking(fd, 1) < 0 || !SSL_set_fd(s.ssl, fd))
        return;
    if (await(handshake(s.ssl, fd)) <= 0)
        return;
    for (;;) {
        int n = await(tls_call(s.ssl, fd, TLS_READ, buf, sizeof buf));
        if (n <= 0) {
            if (n == 0) /* answer the client's close_notify with ours */
                await(tls_call(s.ssl, fd, TLS_SHUTDOWN, NULL, 0));
            return;
        }
        /* SSL_write sends all n bytes or asks to be called again with the same arguments. */
        if (await(tls_call(s.ssl, fd, TLS_WRITE, buf, n)) <= 0)
            return;
    }
}

async void accept_loop(int listener)
{
    for (;;) {
        int fd = await(ac_accept(listener, NULL, NULL));
        if (fd < 0) {
            await(ac_sleep_ms(10));
            continue;
        }
        ac_task_detach(ac_spawn(serve(fd)));
    }
}

/* The context is freed at exit, once the runtime has stopped: a connection's task may make its
 * SSL from it until main returns. */
static void free_context(void)
{
    SSL_CTX_free(ctx);
}

static int setup_tls(const char *cert, const char *key)
{
    ctx = SSL_CTX_new(TLS_server_method());
    if (!ctx || SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) != 1 ||
        SSL_CTX_use_certificate_chain_file(ctx, cert) != 1 ||
        SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) != 1 || SSL_CTX_check_private_key(ctx) != 1) {
        ERR_print_errors_fp(stderr);
        return -1;
    }
    return 0;
}

async int main(int argc, char **argv)
{
    int port = 8443;
    const char *cert = NULL, *key = NULL;
    int bad = argc % 2 == 0;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--port") == 0) {
            port = atoi(argv[i + 1]);
        } else if (strcmp(argv[i], "--handshake-timeout") == 0) {
            char *end;
            double seconds = strtod(argv[i + 1], &end);
            bad |= end == argv[i + 1] || *end || !(seconds >= 0 && seconds <= 86400);
            handshake_ms = (unsigned long)(seconds * 1000 + 0.5);
        } else if (strcmp(argv[i], "--cert") == 0) {
            cert = argv[i + 1];
        } else if (strcmp(argv[i], "--key") == 0) {
            key = argv[i + 1];
        }
    }
    if (!cert || !key || bad) {
        fputs("usage: tls-echo --cert CERT.pem --key KEY.pem [--port N] [--handshake-timeout SECONDS]\n"
              "  (127.0.0.1; port 8443 by default, 0: any; handshake timeout 60 s, 0: none)\n",
              stderr);
        return 2;
    }
    atexit(free_context);
    if (setup_tls(cert, key) < 0) {
        fprintf(stderr, "tls-echo: cannot use %s and %s\n", cert, key);
        return 1;
    }
    ac_signal_listener sigint, sigterm;
    int rc = ac_signal_listen(&sigint, SIGINT);
    if (rc == 0 && (rc = ac_signal_listen(&sigterm, SIGTERM)) < 0)
        ac_signal_unlisten(&sigint);
    int listener = rc < 0 ? rc : ac_tcp_listen("127.0.0.1", (unsigned short)port, 1024);
    if (listener < 0) {
        fprintf(stderr, "tls-echo: cannot listen on 127.0.0.1:%d: %s\n", port, strerror(-listener));
        return 1;
    }
    printf("tls-echo listening on 127.0.0.1:%d\n", ac_socket_port(listener));
    fflush(stdout);
    await(ac_select(accept_loop(listener), ac_signal_recv(&sigint), ac_signal_recv(&sigterm)));
    ac_signal_unlisten(&sigint);
    ac_signal_unlisten(&sigterm);
    await(ac_close(listener));
    /* The connections still open are dropped with the runtime after main returns (their
     * cleanups free their SSLs), and free_context frees the context at exit. */
    return 0;
}
