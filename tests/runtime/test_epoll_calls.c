/* tests/runtime/test_epoll_calls.c (async C): on the epoll backend a socket the runtime created
 * (ac_accept) is registered once: a connection's request-response rounds, each with a recv that
 * waits, cost no epoll_ctl per wait (they cost one each, a re-armed one-shot interest, before;
 * Tokio registers once too). And a worker that parked and dispatched what its wait found does
 * not look again at once (an epoll_wait without a timeout per park before, which found nothing
 * nearly always). The calls are counted by wrapping epoll_ctl and epoll_wait at link time. */
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "test.h"

static atomic_long ctls, looks;

int __real_epoll_ctl(int epfd, int op, int fd, struct epoll_event *ev);
int __wrap_epoll_ctl(int epfd, int op, int fd, struct epoll_event *ev);
int __wrap_epoll_ctl(int epfd, int op, int fd, struct epoll_event *ev)
{
    atomic_fetch_add(&ctls, 1);
    return __real_epoll_ctl(epfd, op, fd, ev);
}

/* Looks without a timeout (a wait with one goes through epoll_wait too, or epoll_pwait2). */
int __real_epoll_wait(int epfd, struct epoll_event *ev, int max, int timeout);
int __wrap_epoll_wait(int epfd, struct epoll_event *ev, int max, int timeout);
int __wrap_epoll_wait(int epfd, struct epoll_event *ev, int max, int timeout)
{
    if (timeout == 0)
        atomic_fetch_add(&looks, 1);
    return __real_epoll_wait(epfd, ev, max, timeout);
}

static async void write_later(int fd)
{
    await(ac_sleep_ms(1));
    CHECK_EQ(write(fd, "ping", 4), 4);
}

#define ROUNDS 200

async int main(void)
{
    int listener = ac_tcp_listen("127.0.0.1", 0, 16);
    CHECK(listener >= 0);
    struct sockaddr_in a = {.sin_family = AF_INET,
                            .sin_port = htons((unsigned short)ac_socket_port(listener)),
                            .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    int client = socket(AF_INET, SOCK_STREAM, 0);
    CHECK(client >= 0);
    CHECK_EQ(connect(client, (struct sockaddr *)&a, sizeof a), 0);
    int fd = await(ac_accept(listener, NULL, NULL));
    CHECK(fd >= 0);
    char buf[64];
    long before = atomic_load(&ctls), looks_before = atomic_load(&looks);
    for (int i = 0; i < ROUNDS; i++) {
        /* The request comes while the recv waits (odd rounds), or before it starts: a recv
         * right after one that emptied the socket waits for readiness without trying first. */
        if (i % 2)
            ac_task_detach(ac_spawn(write_later(client)));
        else
            CHECK_EQ(write(client, "ping", 4), 4);
        CHECK_EQ(await(ac_recv(fd, buf, sizeof buf, 0)), 4);
        CHECK_EQ(await(ac_send(fd, "pong", 4, 0)), 4);
        CHECK_EQ(read(client, buf, sizeof buf), 4);
    }
    long calls = atomic_load(&ctls) - before, zero_looks = atomic_load(&looks) - looks_before;
    printf("epoll_calls: %s backend, %ld epoll_ctl calls and %ld epoll_wait calls without a timeout "
           "in %d rounds\n",
           ac_runtime_backend(), calls, zero_looks, ROUNDS);
    /* A few: the first registration in each worker the connection's task runs on, and a
     * sweep's re-arm for a wait that saw no event for a whole period (20 ms or more: a loaded
     * machine). A one-shot interest re-armed per wait made it ROUNDS or more. */
    CHECK_INT(<, calls, ROUNDS / 2);
    /* Each round parks the worker: its wait looks, and it dispatches all it found. What is left
     * are the looks every 61 polls and those of a worker woken for the spawned tasks. A look
     * again after each park made it ROUNDS or more. */
    CHECK_INT(<, zero_looks, ROUNDS / 2);
    close(client);
    CHECK_EQ(await(ac_close(fd)), 0);
    close(listener);
    return 0;
}
