/* tests/runtime/test_blocked_worker.c (async C): one task blocks its worker for 2 s in sleep()
 * (with 2 workers) while 50 other connections ping-pong with an echo server: the monitor takes
 * over the stuck worker's completions, timers and queue, so every connection keeps being served
 * (latency percentiles and each connection's longest wait are printed), and the watchdog
 * ($ASYNCC_SLOW_POLL_MS) reports the poll while it still runs, naming the task and its await. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "stress.h"
#include "test.h"

#define CONNS 50
#define RUN_MS 3500
#define BLOCK_AT_MS 500
#define MAX_SAMPLES (1u << 22)

/* stderr goes to a file (the watchdog's words are checked); ours to the original stderr. */
static char err_path[64];
static FILE *out;

__attribute__((constructor)) static void setup(void)
{
    setenv("ASYNCC_WORKERS", "2", 1);
    setenv("ASYNCC_SLOW_POLL_MS", "300", 1);
    out = fdopen(dup(2), "w");
    snprintf(err_path, sizeof err_path, "/tmp/asyncc-blocked-%d", (int)getpid());
    int fd = open(err_path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    dup2(fd, 2);
    close(fd);
}

static bool err_says(const char *what)
{
    char buf[8192];
    FILE *f = fopen(err_path, "r");
    if (!f)
        return false;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return strstr(buf, what) != NULL;
}

static atomic_int watchdog_spoke_while_blocked;
static atomic_int blocked; /* 1 while the blocker sleeps */

/* The connection that asks for it blocks its worker: a blocking call in a task. */
static async int block_worker(void)
{
    atomic_store(&blocked, 1);
    usleep(1900 * 1000); /* (the watchdog speaks after 300 ms: a busy machine gets time) */
    atomic_store(&watchdog_spoke_while_blocked, err_says("watchdog: task echo_conn has run"));
    usleep(100 * 1000);
    atomic_store(&blocked, 0);
    return 0;
}

static async int echo_conn(int fd)
{
    char buf[64];
    for (;;) {
        long n = await(ac_recv(fd, buf, sizeof buf, 0));
        if (n <= 0)
            break;
        if (buf[0] == 'B')
            await(block_worker());
        if (await(ac_send_all(fd, buf, (size_t)n, 0)) < 0)
            break;
    }
    await(ac_close(fd));
    return 0;
}

static async int acceptor(int lfd)
{
    for (;;) {
        int fd = await(ac_accept(lfd, NULL, NULL));
        if (fd < 0)
            return fd;
        ac_task_detach(ac_spawn(echo_conn(fd)));
    }
}

/* The clients: one thread, CONNS connections, each with one ping in flight at a time. */
struct clients {
    int port;
    float *lat; /* ms, one per reply */
    size_t n;
    double worst_gap_blocked; /* the longest wait of a connection while the blocker ran */
};

static long run_clients(void *arg)
{
    struct clients *c = arg;
    int fds[CONNS + 1];
    double sent[CONNS + 1], last[CONNS + 1];
    struct pollfd p[CONNS + 1];
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((unsigned short)c->port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (int i = 0; i <= CONNS; i++) {
        fds[i] = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        CHECK_EQ(connect(fds[i], (struct sockaddr *)&a, sizeof a), 0);
        p[i] = (struct pollfd){.fd = fds[i], .events = POLLIN};
    }
    double start = test_now_ms();
    for (int i = 1; i <= CONNS; i++) {
        CHECK_EQ(send(fds[i], "p", 1, MSG_NOSIGNAL), 1);
        sent[i] = last[i] = test_now_ms();
    }
    bool asked = false;
    for (;;) {
        double t = test_now_ms();
        if (t - start > RUN_MS)
            break;
        if (!asked && t - start > BLOCK_AT_MS) { /* connection 0 asks its task to block */
            CHECK_EQ(send(fds[0], "B", 1, MSG_NOSIGNAL), 1);
            asked = true;
        }
        CHECK_INT(>=, poll(p + 1, CONNS, 10), 0);
        t = test_now_ms();
        for (int i = 1; i <= CONNS; i++) {
            if (atomic_load(&blocked) && t - last[i] > c->worst_gap_blocked)
                c->worst_gap_blocked = t - last[i];
            if (!(p[i].revents & POLLIN))
                continue;
            char b;
            CHECK_EQ(recv(fds[i], &b, 1, 0), 1);
            if (c->n < MAX_SAMPLES)
                c->lat[c->n++] = (float)(t - sent[i]);
            last[i] = t;
            CHECK_EQ(send(fds[i], "p", 1, MSG_NOSIGNAL), 1);
            sent[i] = test_now_ms();
        }
    }
    for (int i = 0; i <= CONNS; i++)
        close(fds[i]);
    return 0;
}

static int by_value(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

async int main(void)
{
    int lfd = ac_tcp_listen("127.0.0.1", 0, 128);
    CHECK_INT(>=, lfd, 0);
    struct clients c = {.port = ac_socket_port(lfd)};
    c.lat = malloc(MAX_SAMPLES * sizeof *c.lat);
    ac_task *acc = ac_spawn(acceptor(lfd));
    await(ac_spawn_blocking(run_clients, &c));
    ac_task_cancel(acc);
    await(ac_task_join(acc, NULL));
    close(lfd);

    CHECK_INT(>, c.n, 1000);
    qsort(c.lat, c.n, sizeof *c.lat, by_value);
    double p50 = c.lat[c.n / 2], p99 = c.lat[c.n * 99 / 100], max = c.lat[c.n - 1];
    fprintf(out, "blocked_worker (%s): %zu replies, latency p50 %.2f ms, p99 %.2f ms, max %.1f ms; "
                 "longest wait of a connection while a worker was blocked for 2 s: %.1f ms\n",
            ac_runtime_backend(), c.n, p50, p99, max, c.worst_gap_blocked);
    /* (bench/run's blocked workload reads this line) */
    printf("RESULT p99_ms=%.2f p50_ms=%.2f max_ms=%.1f worst_wait_ms=%.1f replies=%zu backend=%s\n",
           p99, p50, max, c.worst_gap_blocked, c.n, ac_runtime_backend());
    free(c.lat);
    fflush(out);
    fflush(stderr);
    dup2(fileno(out), 2); /* a failed check below must be seen */
    /* Generous bounds (the goal is p99 under 50 ms; this machine is shared): without the
     * monitor the connections on the blocked worker wait the whole 2 s. */
    CHECK_INT(<, p99, STRESS_SANITIZED ? 1000 : 250); /* (TSan at load 25: p50 29 ms, p99 341) */
    /* (1,000 failed once in CI's run beside four other jobs, load 17: 1,032 ms; without the
     * take-over this gap is the whole block, 2,000 ms) */
    CHECK_INT(<, c.worst_gap_blocked, 1500);
    CHECK(atomic_load(&watchdog_spoke_while_blocked));
    CHECK(err_says(" at ")); /* the watchdog names where the task was */
    unlink(err_path);
    return 0;
}
