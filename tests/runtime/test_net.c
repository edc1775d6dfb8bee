/* tests/runtime/test_net.c: sockets: an echo server task spawning one task per connection,
 * clients connecting with ac_socket/ac_connect and checking every echoed byte; then errors:
 * sending to a closed peer, reading a closed descriptor, connecting to a port nobody serves;
 * then a recv after a short one, with data that came in between (the epoll backend's hint). */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <unistd.h>

#include "test.h"

#define NCLIENTS 20
#define NMESSAGES 100
#define MSG 64

static int port;
static atomic_int served;

/* One connection of the server: echo until the peer shuts down. */
typedef struct {
    CO_HEAD;
    int fd;
    long n, w;
    char buf[MSG * 2];
} conn_frame;

static int conn_poll(void *frame, ac_cx *cx)
{
    conn_frame *f = frame;
    CO_BEGIN(f);
    for (;;) {
        CO_AWAIT(f, ac__type_ac_recv, ac__init_ac_recv(f->c.bytes, f->fd, f->buf, sizeof f->buf, 0), &f->n);
        if (f->n <= 0)
            break;
        CO_AWAIT(f, ac__type_ac_write_all, ac__init_ac_write_all(f->c.bytes, f->fd, f->buf, (size_t)f->n), &f->w);
        CHECK_EQ(f->w, f->n);
    }
    CHECK_EQ(f->n, 0);
    atomic_fetch_add(&served, 1);
    CO_AWAIT(f, ac__type_ac_close, ac__init_ac_close(f->c.bytes, f->fd), NULL);
    CO_RETURN(f, 0);
    CO_END(f);
}
static const ac_future_type conn_type = TEST_TYPE(conn_frame, conn_poll, co_drop);

typedef struct {
    CO_HEAD;
    int lfd, fd, i;
} server_frame;

static int server_poll(void *frame, ac_cx *cx)
{
    server_frame *f = frame;
    CO_BEGIN(f);
    for (f->i = 0; f->i < NCLIENTS; f->i++) {
        CO_AWAIT(f, ac__type_ac_accept, ac__init_ac_accept(f->c.bytes, f->lfd, NULL, NULL), &f->fd);
        CHECK_INT(>=, f->fd, 0);
        conn_frame *cf;
        ac_task *t = CO_SPAWN_NEW(conn_type, cf);
        cf->fd = f->fd;
        ac_task_detach(ac__task_spawn(t));
    }
    CO_RETURN(f, 0);
    CO_END(f);
}
static const ac_future_type server_type = TEST_TYPE(server_frame, server_poll, co_drop);

typedef struct {
    CO_HEAD;
    int id, fd, r, i;
    long n;
    struct sockaddr_in addr;
    char out[MSG], in[MSG];
} client_frame;

static int client_poll(void *frame, ac_cx *cx)
{
    client_frame *f = frame;
    CO_BEGIN(f);
    CO_AWAIT(f, ac__type_ac_socket, ac__init_ac_socket(f->c.bytes, AF_INET, SOCK_STREAM, 0), &f->fd);
    CHECK_INT(>=, f->fd, 0);
    memset(&f->addr, 0, sizeof f->addr);
    f->addr.sin_family = AF_INET;
    f->addr.sin_port = htons((unsigned short)port);
    f->addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CO_AWAIT(f, ac__type_ac_connect, ac__init_ac_connect(f->c.bytes, f->fd, (struct sockaddr *)&f->addr, sizeof f->addr), &f->r);
    CHECK_EQ(f->r, 0);
    for (f->i = 0; f->i < NMESSAGES; f->i++) {
        for (int k = 0; k < MSG; k++)
            f->out[k] = (char)(f->id * 31 + f->i * 7 + k);
        CO_AWAIT(f, ac__type_ac_send, ac__init_ac_send(f->c.bytes, f->fd, f->out, MSG, 0), &f->n);
        CHECK_EQ(f->n, MSG);
        CO_AWAIT(f, ac__type_ac_read_exact, ac__init_ac_read_exact(f->c.bytes, f->fd, f->in, MSG), &f->n);
        CHECK_EQ(f->n, MSG);
        CHECK(memcmp(f->in, f->out, MSG) == 0);
    }
    CO_AWAIT(f, ac__type_ac_shutdown, ac__init_ac_shutdown(f->c.bytes, f->fd, SHUT_WR), &f->r);
    CHECK_EQ(f->r, 0);
    CO_AWAIT(f, ac__type_ac_recv, ac__init_ac_recv(f->c.bytes, f->fd, f->in, MSG, 0), &f->n);
    CHECK_EQ(f->n, 0); /* the server closed after our shutdown */
    CO_AWAIT(f, ac__type_ac_close, ac__init_ac_close(f->c.bytes, f->fd), &f->r);
    CHECK_EQ(f->r, 0);
    CO_RETURN(f, 0);
    CO_END(f);
}
static const ac_future_type client_type = TEST_TYPE(client_frame, client_poll, co_drop);

/* Writes "abc" to fd after a few milliseconds, so that a recv of the other end waits first. */
typedef struct {
    CO_HEAD;
    int fd;
} late_writer_frame;

static int late_writer_poll(void *frame, ac_cx *cx)
{
    late_writer_frame *f = frame;
    CO_BEGIN(f);
    CO_AWAIT(f, ac__type_ac_sleep_ms, ac__init_ac_sleep_ms(f->c.bytes, 3), NULL);
    CHECK_EQ(write(f->fd, "abc", 3), 3);
    CO_RETURN(f, 0);
    CO_END(f);
}
static const ac_future_type late_writer_type = TEST_TYPE(late_writer_frame, late_writer_poll, co_drop);

typedef struct {
    CO_HEAD;
    int lfd, i, r, fd, sv[2], round;
    long n;
    ac_task *server, *writer;
    ac_task *clients[NCLIENTS];
    struct sockaddr_in addr;
    char buf[8];
} root_frame;

static int root_poll(void *frame, ac_cx *cx)
{
    root_frame *f = frame;
    CO_BEGIN(f);
    f->lfd = ac_tcp_listen("127.0.0.1", 0, 128);
    CHECK_INT(>=, f->lfd, 0);
    port = ac_socket_port(f->lfd);
    CHECK_INT(>, port, 0);
    {
        server_frame *sf;
        f->server = CO_SPAWN_NEW(server_type, sf);
        sf->lfd = f->lfd;
        ac__task_spawn(f->server);
    }
    for (int i = 0; i < NCLIENTS; i++) {
        client_frame *cf;
        f->clients[i] = CO_SPAWN_NEW(client_type, cf);
        cf->id = i;
        ac__task_spawn(f->clients[i]);
    }
    for (f->i = 0; f->i < NCLIENTS; f->i++) {
        CO_AWAIT(f, ac__type_ac_task_join, ac__init_ac_task_join(f->c.bytes, f->clients[f->i], NULL, AC__RESULT_SIZE(NULL)), &f->r);
        CHECK_EQ(f->r, 0);
    }
    CO_AWAIT(f, ac__type_ac_task_join, ac__init_ac_task_join(f->c.bytes, f->server, NULL, AC__RESULT_SIZE(NULL)), &f->r);
    CHECK_EQ(f->r, 0);
    close(f->lfd);

    /* Sending to a peer that closed: -EPIPE (or -ECONNRESET), never SIGPIPE. */
    CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, f->sv), 0);
    close(f->sv[1]);
    CO_AWAIT(f, ac__type_ac_send, ac__init_ac_send(f->c.bytes, f->sv[0], "x", 1, 0), &f->n);
    CHECK(f->n == -EPIPE || f->n == -ECONNRESET);
    close(f->sv[0]);
    CO_AWAIT(f, ac__type_ac_recv, ac__init_ac_recv(f->c.bytes, f->sv[0], f->buf, 8, 0), &f->n);
    CHECK_EQ(f->n, -EBADF);
    CO_AWAIT(f, ac__type_ac_recv, ac__init_ac_recv(f->c.bytes, 0 + 2, f->buf, 0, MSG_DONTWAIT), &f->n);
    CHECK(f->n == -ENOTSOCK || f->n >= 0);

    /* Connecting to a port nobody listens on (the listener was closed). */
    CO_AWAIT(f, ac__type_ac_socket, ac__init_ac_socket(f->c.bytes, AF_INET, SOCK_STREAM, 0), &f->fd);
    memset(&f->addr, 0, sizeof f->addr);
    f->addr.sin_family = AF_INET;
    f->addr.sin_port = htons((unsigned short)port);
    f->addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CO_AWAIT(f, ac__type_ac_connect, ac__init_ac_connect(f->c.bytes, f->fd, (struct sockaddr *)&f->addr, sizeof f->addr), &f->r);
    CHECK_EQ(f->r, -ECONNREFUSED);
    close(f->fd);

    /* A recv that got less than it asked for marks the socket empty on the epoll backend, and
     * the next recv there waits for readiness without trying the call first. Bytes that came
     * in between must still arrive at once (a lost wakeup hangs until the alarm), also when
     * the descriptor number names a new socket by then. Each round's first recv waits (the
     * writer is late), so the worker has an entry for the descriptor. */
    for (f->round = 0; f->round < 20; f->round++) {
        CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, f->sv), 0);
        {
            late_writer_frame *wf;
            f->writer = CO_SPAWN_NEW(late_writer_type, wf);
            wf->fd = f->sv[1];
            ac__task_spawn(f->writer);
        }
        CO_AWAIT(f, ac__type_ac_recv, ac__init_ac_recv(f->c.bytes, f->sv[0], f->buf, 8, 0), &f->n);
        CHECK_EQ(f->n, 3);
        CHECK_EQ(write(f->sv[1], "defg", 4), 4);
        CO_AWAIT(f, ac__type_ac_recv, ac__init_ac_recv(f->c.bytes, f->sv[0], f->buf, 8, 0), &f->n);
        CHECK_EQ(f->n, 4);
        CHECK(memcmp(f->buf, "defg", 4) == 0);
        CO_AWAIT(f, ac__type_ac_task_join, ac__init_ac_task_join(f->c.bytes, f->writer, NULL, AC__RESULT_SIZE(NULL)), &f->r);
        CHECK_EQ(f->r, 0);
        /* Closed behind the runtime's back; the new pair takes the same numbers. */
        close(f->sv[0]);
        close(f->sv[1]);
        CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, f->sv), 0);
        CHECK_EQ(write(f->sv[1], "xy", 2), 2);
        CO_AWAIT(f, ac__type_ac_recv, ac__init_ac_recv(f->c.bytes, f->sv[0], f->buf, 8, 0), &f->n);
        CHECK_EQ(f->n, 2);
        close(f->sv[0]);
        close(f->sv[1]);
    }
    CO_RETURN(f, 0);
    CO_END(f);
}
static const ac_future_type root_type = TEST_TYPE(root_frame, root_poll, co_drop);

int main(void)
{
    alarm(60); /* a lost wakeup fails the test rather than hang it */
    CHECK_EQ(test_block_on(&root_type), 0);
    ac_runtime_shutdown();
    CHECK_EQ(atomic_load(&served), NCLIENTS);
    return 0;
}
