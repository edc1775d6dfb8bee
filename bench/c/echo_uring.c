/* bench/c/echo_uring.c: the hand-written single-threaded liburing echo server, the practical
 * ceiling of the echo workload. One ring (DEFER_TASKRUN where the kernel has it: completions are
 * run only when the thread asks for them); per connection one recv in flight, then a send of what
 * came in, then the next recv. Stops by itself after LIFETIME seconds.
 * usage: echo_uring PORT [LIFETIME=60] */
#include <liburing.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common.h"

enum { OP_ACCEPT, OP_RECV, OP_SEND };

struct conn {
    int op;
    int fd;
    char buf[4096];
};

static struct conn accept_op = {.op = OP_ACCEPT};

/* An SQE, submitting what is queued when the ring is full (at 10,000 connections one batch of
 * completions asks for more SQEs than the ring has). */
static struct io_uring_sqe *sqe_get(struct io_uring *ring)
{
    struct io_uring_sqe *sqe;
    while (!(sqe = io_uring_get_sqe(ring)))
        io_uring_submit(ring);
    return sqe;
}

static void queue_recv(struct io_uring *ring, struct conn *c)
{
    struct io_uring_sqe *sqe = sqe_get(ring);
    c->op = OP_RECV;
    io_uring_prep_recv(sqe, c->fd, c->buf, sizeof c->buf, 0);
    io_uring_sqe_set_data(sqe, c);
}

int main(int argc, char **argv)
{
    int port = argc > 1 ? atoi(argv[1]) : 7000;
    int lifetime = argc > 2 ? atoi(argv[2]) : 60;
    int lfd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    if (bind(lfd, (struct sockaddr *)&a, sizeof a) || listen(lfd, 512)) {
        perror("echo_uring: bind/listen");
        return 1;
    }
    struct io_uring ring;
    /* A completion queue with room for every connection's completions at once: an overflowing
     * one costs an allocation per completion. */
    struct io_uring_params p = {.flags = IORING_SETUP_CQSIZE | IORING_SETUP_SINGLE_ISSUER |
                                         IORING_SETUP_DEFER_TASKRUN,
                                .cq_entries = 32768};
    int rc = io_uring_queue_init_params(512, &ring, &p);
    if (rc == -EINVAL) { /* a kernel before 6.1 */
        memset(&p, 0, sizeof p);
        p.flags = IORING_SETUP_CQSIZE;
        p.cq_entries = 32768;
        rc = io_uring_queue_init_params(512, &ring, &p);
    }
    if (rc < 0) {
        fprintf(stderr, "echo_uring: io_uring_queue_init: %s\n", strerror(-rc));
        return 1;
    }
    printf("READY\n");
    fflush(stdout);
    struct io_uring_sqe *sqe = sqe_get(&ring);
    io_uring_prep_accept(sqe, lfd, NULL, NULL, 0);
    io_uring_sqe_set_data(sqe, &accept_op);
    uint64_t stop = bench_now_ns() + (uint64_t)lifetime * 1000000000u;
    struct __kernel_timespec tick = {.tv_sec = 1};
    while (bench_now_ns() < stop) {
        struct io_uring_cqe *cqe;
        io_uring_submit_and_wait_timeout(&ring, &cqe, 1, &tick, NULL);
        unsigned head, seen = 0;
        io_uring_for_each_cqe(&ring, head, cqe)
        {
            struct conn *c = io_uring_cqe_get_data(cqe);
            int res = cqe->res;
            seen++;
            if (c->op == OP_ACCEPT) {
                if (res >= 0) {
                    struct conn *n = malloc(sizeof *n);
                    n->fd = res;
                    setsockopt(res, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    queue_recv(&ring, n);
                }
                sqe = sqe_get(&ring);
                io_uring_prep_accept(sqe, lfd, NULL, NULL, 0);
                io_uring_sqe_set_data(sqe, &accept_op);
            } else if (c->op == OP_RECV) {
                if (res <= 0) {
                    close(c->fd);
                    free(c);
                    continue;
                }
                sqe = sqe_get(&ring);
                c->op = OP_SEND;
                /* MSG_WAITALL: a short send continues in the kernel, so the whole echo goes out. */
                io_uring_prep_send(sqe, c->fd, c->buf, (size_t)res, MSG_WAITALL);
                io_uring_sqe_set_data(sqe, c);
            } else {
                if (res <= 0) {
                    close(c->fd);
                    free(c);
                    continue;
                }
                queue_recv(&ring, c);
            }
        }
        io_uring_cq_advance(&ring, seen);
    }
    io_uring_queue_exit(&ring);
    return 0;
}
