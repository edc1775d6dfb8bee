/* tests/runtime/test_cancel_steal.c (async C): receives that time out over and over (0 or 1 ms),
 * on connections whose tasks the workers steal from each other while a spinning task keeps one
 * of them busy: a timeout drops a receive that waits on another worker's backend (its task
 * moved since it began), through that worker's cancel queue, while events for the socket may
 * arrive there. Every receive must end (no task stranded), every byte must be received once
 * (one that a receive took in the instant its timeout dropped it comes to the next receive,
 * asyncc/io.h), and the sanitizers see no race and no use after free. */
#include <netinet/in.h>
#include <stdatomic.h>
#include <sys/socket.h>
#include <unistd.h>

#include "test.h"

#define CONNS 32
#define ROUNDS 300

static atomic_long sent, received;
static atomic_int finished;

/* Receives with a 0-1 ms timeout, ROUNDS times, counting what arrives. */
static async void receiver(int fd, int salt)
{
    char buf[64];
    for (int i = 0; i < ROUNDS; i++) {
        long n = 0;
        int r = await(ac_timeout((unsigned)((i + salt) & 1), n = ac_recv(fd, buf, sizeof buf, 0)));
        if (r == 0) {
            CHECK(n > 0);
            atomic_fetch_add(&received, n);
        } else {
            CHECK_EQ(r, -ETIMEDOUT);
        }
        if (i % 16 == 0)
            await(ac_yield());
    }
    atomic_fetch_add(&finished, 1);
}

/* Writes a byte to each client now and then, meanwhile keeping its worker busy. */
static async void writer(int *clients)
{
    while (atomic_load(&finished) < CONNS) {
        for (int c = 0; c < CONNS; c++)
            if (send(clients[c], "x", 1, MSG_DONTWAIT) == 1)
                atomic_fetch_add(&sent, 1);
        test_spin_ms(0.2);
        await(ac_yield());
    }
}

async int main(void)
{
    int listener = ac_tcp_listen("127.0.0.1", 0, CONNS);
    CHECK(listener >= 0);
    struct sockaddr_in a = {.sin_family = AF_INET,
                            .sin_port = htons((unsigned short)ac_socket_port(listener)),
                            .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    int clients[CONNS], conns[CONNS];
    ac_task *tasks[CONNS];
    for (int c = 0; c < CONNS; c++) {
        clients[c] = socket(AF_INET, SOCK_STREAM, 0);
        CHECK(clients[c] >= 0);
        CHECK_EQ(connect(clients[c], (struct sockaddr *)&a, sizeof a), 0);
        conns[c] = await(ac_accept(listener, NULL, NULL));
        CHECK(conns[c] >= 0);
        tasks[c] = ac_spawn(receiver(conns[c], c));
    }
    ac_task *w = ac_spawn(writer(clients));
    for (int c = 0; c < CONNS; c++)
        CHECK_EQ(await(ac_task_join(tasks[c], NULL)), 0);
    CHECK_EQ(await(ac_task_join(w, NULL)), 0);
    /* What is still in the sockets (or kept from a dropped receive) is read now. */
    for (int c = 0; c < CONNS; c++) {
        char buf[4096];
        long n;
        CHECK_EQ(shutdown(clients[c], SHUT_WR), 0); /* to read until the end */
        while ((n = await(ac_recv(conns[c], buf, sizeof buf, 0))) > 0)
            atomic_fetch_add(&received, n);
        CHECK_EQ(n, 0);
        close(clients[c]);
        CHECK_EQ(await(ac_close(conns[c])), 0);
    }
    printf("cancel_steal: %ld bytes sent, %ld received over %d timed receives\n", atomic_load(&sent),
           atomic_load(&received), CONNS * ROUNDS);
    CHECK_EQ(atomic_load(&received), atomic_load(&sent));
    CHECK(atomic_load(&received) > 0);
    close(listener);
    return 0;
}
