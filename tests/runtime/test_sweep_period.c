/* tests/runtime/test_sweep_period.c (async C): on the epoll backend the waits that trust a
 * socket's permanent registration are re-armed (an epoll_ctl MOD) by a sweep when they last a
 * whole period without an event (see runtime/epoll_ready.c). Here CONNS connections each wait
 * about GAP_MS between requests, longer than the 250 ms period: with a fixed period every wait
 * was re-armed, an epoll_ctl per request (as on a loaded server with 10,000 connections). The
 * period grows when many waits outlast it: the waits of later rounds cost nothing. The MODs
 * are counted by wrapping epoll_ctl at link time; a current-thread runtime keeps every
 * connection on one epoll set (no moves between workers, which cost calls of their own). */
#include <netinet/in.h>
#include <pthread.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "test.h"

#define CONNS 256
#define ROUNDS 8
#define GAP_MS 600

static atomic_long mods;

int __real_epoll_ctl(int epfd, int op, int fd, struct epoll_event *ev);
int __wrap_epoll_ctl(int epfd, int op, int fd, struct epoll_event *ev);
int __wrap_epoll_ctl(int epfd, int op, int fd, struct epoll_event *ev)
{
    if (op == EPOLL_CTL_MOD)
        atomic_fetch_add(&mods, 1);
    return __real_epoll_ctl(epfd, op, fd, ev);
}

static int clients[CONNS];
static atomic_int served; /* requests received by the server's tasks */

/* The load: a request on every connection every GAP_MS, each once the last round was served. */
static void *client_main(void *arg)
{
    (void)arg;
    for (int round = 0; round < ROUNDS; round++) {
        usleep(GAP_MS * 1000);
        for (int i = 0; i < CONNS; i++)
            CHECK_EQ(write(clients[i], "x", 1), 1);
        while (atomic_load(&served) < (round + 1) * CONNS)
            usleep(1000);
    }
    return NULL;
}

static async void serve(int fd)
{
    char c;
    for (int round = 0; round < ROUNDS; round++) {
        CHECK_EQ(await(ac_recv(fd, &c, 1, 0)), 1);
        atomic_fetch_add(&served, 1);
    }
    CHECK_EQ(await(ac_close(fd)), 0);
}

static async int root(void)
{
    int listener = ac_tcp_listen("127.0.0.1", 0, CONNS);
    CHECK(listener >= 0);
    struct sockaddr_in a = {.sin_family = AF_INET,
                            .sin_port = htons((unsigned short)ac_socket_port(listener)),
                            .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    ac_task *tasks[CONNS];
    for (int i = 0; i < CONNS; i++) {
        clients[i] = socket(AF_INET, SOCK_STREAM, 0);
        CHECK(clients[i] >= 0);
        CHECK_EQ(connect(clients[i], (struct sockaddr *)&a, sizeof a), 0);
        int fd = await(ac_accept(listener, NULL, NULL));
        CHECK(fd >= 0);
        tasks[i] = ac_spawn(serve(fd));
    }
    long before = atomic_load(&mods);
    pthread_t client;
    CHECK_EQ(pthread_create(&client, NULL, client_main, NULL), 0);
    for (int i = 0; i < CONNS; i++)
        await(ac_task_join(tasks[i], NULL));
    CHECK_EQ(pthread_join(client, NULL), 0);
    long rearms = atomic_load(&mods) - before;
    printf("sweep_period: %s backend, %ld epoll_ctl MOD for %d waits of about %d ms\n",
           ac_runtime_backend(), rearms, CONNS * ROUNDS, GAP_MS);
    /* A fixed period re-armed each wait: CONNS * ROUNDS. Growing costs the waits of a round at
     * each step (250 ms to 500 ms, and to 1 s), after which GAP_MS waits fit in a period. */
    CHECK_INT(<, rearms, CONNS * ROUNDS / 2);
    for (int i = 0; i < CONNS; i++)
        close(clients[i]);
    close(listener);
    return 0;
}

int main(void)
{
    test_current_thread();
    return ac_block_on(root());
}
