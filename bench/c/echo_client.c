/* bench/c/echo_client.c: the TCP echo load client. One thread, io_uring, CONNS connections to
 * 127.0.0.1:PORT, each with exactly one outstanding MSG-byte request (not pipelined): when the
 * whole echo of a request has come back, the next one is sent. A recv is always in flight on
 * every connection; one io_uring_enter submits and reaps for all of them, so the client spends
 * little CPU per request and the server under test is the bottleneck. Counts requests completed
 * during SECONDS after a warm-up, and what the machine did meanwhile (struct machine); bounded
 * in time (connect gives up after 10 s).
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

/* What the machine did during the measured seconds (the connections are up by then): its CPUs
 * (/proc/stat), and the loopback's TCP events that make requests wait: delayed ACKs (a peer
 * that took longer than the delayed-ACK timeout to answer), packets dropped because a CPU's
 * input backlog was full (net.core.netdev_max_backlog), and the tail loss probes and
 * retransmissions that recover them. */
struct machine {
    unsigned long long cpu[8]; /* user nice system idle iowait irq softirq steal */
    unsigned long long delack, tlp, retrans, drops;
};

/* The value of key in a /proc/net/netstat-style file (a header line, then a value line). */
static unsigned long long netstat_value(const char *file, const char *key)
{
    FILE *f = fopen(file, "r");
    char names[8192], values[8192];
    unsigned long long v = 0;
    while (f && fgets(names, sizeof names, f) && fgets(values, sizeof values, f)) {
        char *sn, *sv;
        char *n = strtok_r(names, " \n", &sn), *x = strtok_r(values, " \n", &sv);
        for (; n && x; n = strtok_r(NULL, " \n", &sn), x = strtok_r(NULL, " \n", &sv))
            if (strcmp(n, key) == 0)
                v = strtoull(x, NULL, 10);
    }
    if (f)
        fclose(f);
    return v;
}

static void machine_now(struct machine *m)
{
    memset(m, 0, sizeof *m);
    FILE *f = fopen("/proc/stat", "r");
    if (f) {
        if (fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &m->cpu[0], &m->cpu[1],
                   &m->cpu[2], &m->cpu[3], &m->cpu[4], &m->cpu[5], &m->cpu[6], &m->cpu[7]) != 8)
            memset(m->cpu, 0, sizeof m->cpu);
        fclose(f);
    }
    m->delack = netstat_value("/proc/net/netstat", "DelayedACKs");
    m->tlp = netstat_value("/proc/net/netstat", "TCPLossProbes");
    m->retrans = netstat_value("/proc/net/snmp", "RetransSegs");
    char line[512];
    unsigned processed, dropped;
    f = fopen("/proc/net/softnet_stat", "r");
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "%x %x", &processed, &dropped) == 2)
            m->drops += dropped;
    if (f)
        fclose(f);
}

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
    struct machine m0, m1;
    machine_now(&m0);
    int measuring = 0;
    struct __kernel_timespec tick = {.tv_nsec = 10000000};
    for (;;) {
        uint64_t now = bench_now_ns();
        if (!measuring && now >= measure_from) {
            measuring = 1;
            done_at_start = done;
            measure_from = now;
            machine_now(&m0);
        }
        if (now >= end)
            break;
        struct io_uring_cqe *cqe;
        io_uring_submit_and_wait_timeout(&ring, &cqe, 1, &tick, NULL);
        /* Only the entries already there: recvs queued below complete meanwhile, and a loop
         * until the queue is empty never came back to look at the clock at 10,000 connections
         * (rounds measured 20-30 s, or nothing when warm-up ended inside the loop). */
        for (unsigned ready = io_uring_cq_ready(&ring); ready > 0 && io_uring_peek_cqe(&ring, &cqe) == 0;
             ready--) {
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
    machine_now(&m1);
    double dt = (double)(bench_now_ns() - measure_from) / 1e9;
    double n = (double)(done - done_at_start), ticks = 0;
    for (int k = 0; k < 8; k++)
        ticks += (double)(m1.cpu[k] - m0.cpu[k]);
    printf("RESULT requests_per_s=%.0f requests=%llu seconds=%.2f conns=%d msg=%zu errors=%llu "
           "total_requests=%llu window_idle_pct=%.1f window_softirq_pct=%.1f "
           "tcp_delack_per_req=%.3f tcp_tlp=%llu tcp_retrans=%llu backlog_drops=%llu\n",
           n / dt, (unsigned long long)(done - done_at_start), dt, nconns, msg,
           (unsigned long long)errors, (unsigned long long)done,
           ticks > 0 ? 100 * (double)(m1.cpu[3] + m1.cpu[4] - m0.cpu[3] - m0.cpu[4]) / ticks : 0,
           ticks > 0 ? 100 * (double)(m1.cpu[6] - m0.cpu[6]) / ticks : 0,
           n > 0 ? (double)(m1.delack - m0.delack) / n : 0, m1.tlp - m0.tlp,
           m1.retrans - m0.retrans, m1.drops - m0.drops);
    io_uring_queue_exit(&ring);
    for (int i = 0; i < nconns; i++)
        close(c[i].fd);
    return 0;
}
