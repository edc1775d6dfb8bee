/* bench/c/echo_client.c: the TCP echo load client. One thread, io_uring, CONNS connections to
 * 127.0.0.1:PORT, each with exactly one outstanding MSG-byte request (not pipelined): when the
 * whole echo of a request has come back, the next one is sent. A recv is always in flight on
 * every connection; one io_uring_enter submits and reaps for all of them, so the client spends
 * little CPU per request and the server under test is the bottleneck. Counts requests completed
 * during SECONDS after a warm-up; bounded in time (connect gives up after 10 s).
 * usage: echo_client PORT [SECONDS=5] [CONNS=50] [MSG=64] */
#include <errno.h>
#include <liburing.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common.h"

struct conn {
    int fd;
    size_t got; /* bytes of the current reply received */
    char in[4096];
};

/* user_data: connection index * 2 + (0 for recv, 1 for send) */

static int connect_retry(int port)
{
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    uint64_t give_up = bench_now_ns() + 10000000000ull;
    for (;;) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0)
            return -1;
        if (connect(fd, (struct sockaddr *)&a, sizeof a) == 0) {
            int one = 1;
            setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            return fd;
        }
        close(fd);
        if (bench_now_ns() > give_up)
            return -1;
        usleep(20000);
    }
}

static struct io_uring_sqe *sqe_get(struct io_uring *ring)
{
    struct io_uring_sqe *sqe = io_uring_get_sqe(ring);
    if (!sqe) {
        io_uring_submit(ring);
        sqe = io_uring_get_sqe(ring);
    }
    return sqe;
}

static void queue_recv(struct io_uring *ring, struct conn *c, int i)
{
    struct io_uring_sqe *sqe = sqe_get(ring);
    io_uring_prep_recv(sqe, c->fd, c->in, sizeof c->in, 0);
    io_uring_sqe_set_data64(sqe, (uint64_t)i * 2);
}

static void queue_send(struct io_uring *ring, struct conn *c, int i, const char *out, size_t msg)
{
    struct io_uring_sqe *sqe = sqe_get(ring);
    io_uring_prep_send(sqe, c->fd, out, msg, MSG_WAITALL);
    io_uring_sqe_set_data64(sqe, (uint64_t)i * 2 + 1);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: echo_client PORT [SECONDS] [CONNS] [MSG]\n");
        return 2;
    }
    int port = atoi(argv[1]);
    double seconds = argc > 2 ? atof(argv[2]) : 5;
    int nconns = argc > 3 ? atoi(argv[3]) : 50;
    size_t msg = argc > 4 ? (size_t)atoi(argv[4]) : 64;
    double warmup = seconds >= 2 ? 0.5 : 0.2;
    static char out[4096];
    memset(out, 'x', sizeof out);
    if (msg > sizeof out)
        msg = sizeof out;

    struct io_uring ring;
    /* Room in the completion queue for two completions of every connection: at 10,000
     * connections an overflowing queue would make the client the limit. */
    struct io_uring_params p = {.flags = IORING_SETUP_CQSIZE,
                                .cq_entries = nconns > 128 ? 2u * (unsigned)nconns : 256u};
    int rc = io_uring_queue_init_params(256, &ring, &p);
    if (rc < 0) {
        fprintf(stderr, "echo_client: io_uring_queue_init: %s\n", strerror(-rc));
        return 1;
    }
    struct conn *c = calloc(nconns, sizeof *c);
    for (int i = 0; i < nconns; i++) {
        c[i].fd = connect_retry(port);
        if (c[i].fd < 0) {
            fprintf(stderr, "echo_client: cannot connect to 127.0.0.1:%d: %s\n", port, strerror(errno));
            return 1;
        }
    }
    uint64_t start = bench_now_ns();
    uint64_t measure_from = start + (uint64_t)(warmup * 1e9);
    uint64_t end = measure_from + (uint64_t)(seconds * 1e9);
    for (int i = 0; i < nconns; i++) {
        queue_recv(&ring, &c[i], i);
        queue_send(&ring, &c[i], i, out, msg);
    }
    uint64_t done = 0, done_at_start = 0, errors = 0;
    int measuring = 0;
    struct __kernel_timespec tick = {.tv_nsec = 10000000};
    for (;;) {
        uint64_t now = bench_now_ns();
        if (!measuring && now >= measure_from) {
            measuring = 1;
            done_at_start = done;
            measure_from = now;
        }
        if (now >= end)
            break;
        struct io_uring_cqe *cqe;
        io_uring_submit_and_wait_timeout(&ring, &cqe, 1, &tick, NULL);
        unsigned head;
        io_uring_for_each_cqe(&ring, head, cqe)
        {
            /* Each entry is handed back before the requests it leads to are queued: handed
             * back only after the whole batch, the entries read meanwhile kept room that the
             * new completions then lacked (at 10,000 connections 0.7 overflowed per request,
             * an allocation each in the kernel, making the client slower there). */
            uint64_t data = cqe->user_data;
            int res = cqe->res;
            io_uring_cq_advance(&ring, 1);
            int i = (int)(data / 2);
            if (data & 1) {
                if (res != (int)msg)
                    errors++;
                continue;
            }
            if (res <= 0) {
                fprintf(stderr, "echo_client: connection closed by the server (%d)\n", res);
                return 1;
            }
            c[i].got += (size_t)res;
            while (c[i].got >= msg) {
                c[i].got -= msg;
                done++;
                queue_send(&ring, &c[i], i, out, msg);
            }
            queue_recv(&ring, &c[i], i);
        }
    }
    double dt = (double)(bench_now_ns() - measure_from) / 1e9;
    printf("RESULT requests_per_s=%.0f requests=%llu seconds=%.2f conns=%d msg=%zu errors=%llu "
           "total_requests=%llu\n",
           (double)(done - done_at_start) / dt, (unsigned long long)(done - done_at_start), dt,
           nconns, msg, (unsigned long long)errors, (unsigned long long)done);
    io_uring_queue_exit(&ring);
    for (int i = 0; i < nconns; i++)
        close(c[i].fd);
    return 0;
}
