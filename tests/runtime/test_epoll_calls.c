/* tests/runtime/test_epoll_calls.c (async C): on the epoll backend a socket the runtime created
 * (ac_accept) is registered once: a connection's request-response rounds, each with a recv that
 * waits, cost no epoll_ctl per wait (they cost one each, a re-armed one-shot interest, before;
 * Tokio registers once too). The calls are counted by wrapping epoll_ctl at link time. */
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "test.h"

static atomic_long ctls;

int __real_epoll_ctl(int epfd, int op, int fd, struct epoll_event *ev);
int __wrap_epoll_ctl(int epfd, int op, int fd, struct epoll_event *ev);
int __wrap_epoll_ctl(int epfd, int op, int fd, struct epoll_event *ev)
{
    atomic_fetch_add(&ctls, 1);
    return __real_epoll_ctl(epfd, op, fd, ev);
}

async void write_later(int fd)
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
    long before = atomic_load(&ctls);
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
    long calls = atomic_load(&ctls) - before;
    printf("epoll_calls: %s backend, %ld epoll_ctl calls in %d rounds\n", ac_runtime_backend(), calls,
           ROUNDS);
    /* A few: the first registration in each worker the connection's task runs on, and a
     * sweep's re-arm for a wait that saw no event for a whole period (20 ms or more: a loaded
     * machine). A one-shot interest re-armed per wait made it ROUNDS or more. */
    CHECK_INT(<, calls, ROUNDS / 2);
    close(client);
    CHECK_EQ(await(ac_close(fd)), 0);
    close(listener);
    return 0;
}
