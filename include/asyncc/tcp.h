/* asyncc/tcp.h: stream sockets by name (Tokio's TcpStream::connect, TcpListener::bind,
 * lookup_host, UnixStream/UnixListener) and TCP options. Returns are a descriptor or -errno. */
#ifndef ASYNCC_TCP_H
#define ASYNCC_TCP_H

#include "future.h"
#include "lang.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One address found by ac_lookup_host, ready for bind(2) or connect(2). */
typedef struct ac_sockaddr {
#ifdef _SYS_SOCKET_H /* <sys/socket.h> came first */
    struct sockaddr_storage addr;
#else /* the same layout, without <sys/socket.h> (asyncc/sys.h) */
    struct {
        unsigned short ss_family;
        char __ss_padding[128 - sizeof(unsigned short) - sizeof(unsigned long)];
        unsigned long __ss_align;
    } addr;
#endif
    socklen_t len;
} ac_sockaddr;

/* How many addresses ac_tcp_connect and ac_tcp_bind try, in the resolver's order. */
#define AC_CONNECT_MAX_ADDRS 4

/* Bounds on the frames of the futures below (see future.h): awaiting them allocates nothing. */
enum {
    ac__frame_size_ac_lookup_host = 96,
    ac__frame_size_ac_tcp_connect = 848,
    ac__frame_size_ac_tcp_bind = 688,
    ac__frame_size_ac_unix_connect = 848
};

/*
 * Resolves host (a name or a numeric IPv4/IPv6 address; NULL: the wildcard address 0.0.0.0)
 * for port and socktype (SOCK_STREAM, SOCK_DGRAM), and writes up to max addresses to out in
 * the resolver's order. Returns how many (>= 1), or -ENOENT (no such host), -EAGAIN (a
 * temporary failure of name resolution), -ENOMEM, -EINVAL (bad arguments) or -EIO.
 * getaddrinfo(3) runs on the blocking pool (ac_spawn_blocking), never on a worker, without
 * AI_ADDRCONFIG (as Rust's std: "localhost" gives ::1 too where loopback is the only IPv6
 * address, so a server listening on [::1] alone is found by name); a numeric
 * address needs no lookup and completes at once. host and out must stay valid until the call
 * finishes. Dropped while the lookup runs: the lookup finishes on its thread (it cannot be
 * interrupted) and its result is discarded; nothing is written to out.
 */
AC_EXPORT async int ac_lookup_host(const char *host, unsigned short port, int socktype,
                                   ac_sockaddr *out, int max);

/* Connects a TCP socket to host:port, trying each address found (at most AC_CONNECT_MAX_ADDRS)
 * in turn. Returns the connected descriptor (SOCK_CLOEXEC; the caller closes it) or the error
 * of the lookup or of the last attempt (-ECONNREFUSED, -ETIMEDOUT...). host must stay valid
 * until the call finishes. Dropped meanwhile: the attempt is cancelled and its socket closed. */
AC_EXPORT async int ac_tcp_connect(const char *host, unsigned short port);

/* A listening TCP socket (SO_REUSEADDR) on the first address of host that binds, host being a
 * name, a numeric address or NULL (0.0.0.0), and port (0: any free one; ac_socket_port tells).
 * Returns the descriptor or -errno. ac_tcp_listen is the plain twin for numeric addresses. */
AC_EXPORT async int ac_tcp_bind(const char *host, unsigned short port, int backlog);

/* A socket of type bound to addr (as ac_lookup_host gives); a SOCK_STREAM one listens with
 * backlog and has SO_REUSEADDR (unless AF_UNIX). type is socket(2)'s: SOCK_NONBLOCK may be or'ed
 * in (SOCK_CLOEXEC is added anyway). Returns the descriptor or -errno. */
AC_EXPORT int ac_socket_bind(const ac_sockaddr *addr, int type, int backlog);

/* A listening Unix stream socket at path (which must not exist; unlink it when done). Returns
 * the descriptor or -errno (-ENAMETOOLONG beyond sun_path's 107 bytes, -ENOENT for an empty
 * path, as open(2) says; abstract sockets are not made here). Accept with ac_accept. */
AC_EXPORT int ac_unix_listen(const char *path, int backlog);

/* Connects a Unix stream socket to path (copied: it need not outlive the call). Returns the
 * descriptor or -errno (as ac_unix_listen: -ENOENT for an empty path). Dropped meanwhile: the
 * attempt is cancelled and its socket closed. */
AC_EXPORT async int ac_unix_connect(const char *path);

/* TCP_NODELAY on (on != 0) or off: send small writes at once instead of coalescing them
 * (Nagle). Returns 0 or -errno. */
AC_EXPORT int ac_tcp_nodelay(int fd, int on);

/* SO_KEEPALIVE: with idle_s > 0, probes start after idle_s seconds of silence, every
 * interval_s seconds, and the connection is dropped after count unanswered probes (0 for
 * interval_s or count keeps the system's default); idle_s == 0 enables keepalive with the
 * system's defaults, idle_s < 0 disables it. Returns 0 or -errno. */
AC_EXPORT int ac_tcp_keepalive(int fd, int idle_s, int interval_s, int count);

#ifdef __cplusplus
}
#endif

#endif
