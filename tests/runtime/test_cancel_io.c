/* tests/runtime/test_cancel_io.c: random cancellation of in-flight reads (pipes fed by a thread)
 * and accepts (a thread connecting now and then): aborted at random points, on any worker,
 * while completions race with the cancels. Run under ASan: no use-after-free, no leak, no hang. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <unistd.h>

#include "stress.h"
#include "test.h"

#define NPIPES 8
#define ROUNDS STRESS_N(20000, 4)

static int pipes[NPIPES][2];
static int port;
static atomic_int stop_threads;
static atomic_long bytes_read, accepted, reads_done, rounds_done;

static void *writer_thread(void *arg)
{
    (void)arg;
    unsigned x = 1;
    while (!atomic_load(&stop_threads)) {
        x = x * 1103515245 + 12345;
        ssize_t r = write(pipes[(x >> 16) % NPIPES][1], "abcdefgh", 1 + (x >> 8) % 8);
        (void)r;
        if ((x >> 20) % 4 == 0)
            usleep(20);
    }
    return NULL;
}

static void *connector_thread(void *arg)
{
    (void)arg;
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((unsigned short)port),
                            .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    while (!atomic_load(&stop_threads)) {
        /* Non-blocking: with the accept queue full a blocking connect would retry SYNs for
         * minutes, and this thread must stop promptly. */
        int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        if (connect(fd, (struct sockaddr *)&a, sizeof a) == 0 || errno == EINPROGRESS) {
            struct pollfd p = {.fd = fd, .events = POLLOUT};
            poll(&p, 1, 20);
        }
        close(fd);
    }
    return NULL;
}

typedef struct {
    CO_HEAD;
    int fd;
    long n;
    char buf[64];
} reader_frame;

static int reader_poll(void *frame, ac_cx *cx)
{
    reader_frame *f = frame;
    CO_BEGIN(f);
    CO_AWAIT(f, ac__type_ac_read, ac__init_ac_read(f->c.bytes, f->fd, f->buf, sizeof f->buf), &f->n);
    CHECK_INT(>, f->n, 0);
    atomic_fetch_add(&bytes_read, f->n);
    atomic_fetch_add(&reads_done, 1);
    CO_RETURN(f, 0);
    CO_END(f);
}
static const ac_future_type reader_type = TEST_TYPE(reader_frame, reader_poll, co_drop);

typedef struct {
    CO_HEAD;
    int lfd, fd;
    struct sockaddr_in peer;
    socklen_t len;
} acceptor_frame;

static int acceptor_poll(void *frame, ac_cx *cx)
{
    acceptor_frame *f = frame;
    CO_BEGIN(f);
    f->len = sizeof f->peer;
    CO_AWAIT(f, ac__type_ac_accept, ac__init_ac_accept(f->c.bytes, f->lfd, (struct sockaddr *)&f->peer, &f->len), &f->fd);
    CHECK_INT(>=, f->fd, 0);
    CHECK_EQ(f->peer.sin_family, AF_INET);
    close(f->fd);
    atomic_fetch_add(&accepted, 1);
    CO_RETURN(f, 0);
    CO_END(f);
}
static const ac_future_type acceptor_type = TEST_TYPE(acceptor_frame, acceptor_poll, co_drop);

typedef struct {
    CO_HEAD;
    int lfd, round, k, yields;
    unsigned x;
    ac_task *victims[4];
} root_frame;

static int root_poll(void *frame, ac_cx *cx)
{
    root_frame *f = frame;
    CO_BEGIN(f);
    f->x = 7;
    for (f->round = 0; f->round < ROUNDS; f->round++) {
        for (int i = 0; i < 4; i++) {
            f->x = f->x * 1103515245 + 12345;
            if (i < 3) {
                reader_frame *rf;
                f->victims[i] = CO_SPAWN_NEW(reader_type, rf);
                rf->fd = pipes[(f->x >> 16) % NPIPES][0];
            } else {
                acceptor_frame *af;
                f->victims[i] = CO_SPAWN_NEW(acceptor_type, af);
                af->lfd = f->lfd;
            }
            ac__task_spawn(f->victims[i]);
        }
        f->yields = (int)((f->x >> 8) % 4);
        for (f->k = 0; f->k < f->yields; f->k++)
            CO_AWAIT(f, ac__type_ac_yield, ac__init_ac_yield(f->c.bytes), NULL);
        for (int i = 0; i < 4; i++)
            ac_task_abort(f->victims[i]);
        atomic_fetch_add(&rounds_done, 1);
    }
    CO_RETURN(f, 0);
    CO_END(f);
    return 0;
}
static const ac_future_type root_type = TEST_TYPE(root_frame, root_poll, co_drop);

int main(void)
{
    stress_watchdog_progress(&rounds_done, 20); /* under TSan on a loaded machine: over 100 s */
    for (int i = 0; i < NPIPES; i++) {
        CHECK_EQ(pipe2(pipes[i], O_CLOEXEC), 0);
        fcntl(pipes[i][1], F_SETFL, O_NONBLOCK);
    }
    int lfd = ac_tcp_listen("127.0.0.1", 0, 64);
    CHECK_INT(>=, lfd, 0);
    port = ac_socket_port(lfd);
    pthread_t w, c;
    pthread_create(&w, NULL, writer_thread, NULL);
    pthread_create(&c, NULL, connector_thread, NULL);
    void *fr;
    ac_task *t = ac__task_new(&root_type, &fr);
    ((root_frame *)fr)->lfd = lfd;
    int r = -1;
    ac__block_on(t, &r);
    stress_watchdog_done();
    CHECK_EQ(r, 0);
    ac_runtime_shutdown();
    atomic_store(&stop_threads, 1);
    pthread_join(w, NULL);
    pthread_join(c, NULL);
    printf("%d rounds: %ld reads completed (%ld bytes), %ld accepts completed, the rest cancelled\n",
           ROUNDS, atomic_load(&reads_done), atomic_load(&bytes_read), atomic_load(&accepted));
    return 0;
}
