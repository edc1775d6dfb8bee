/* tests/runtime/test_epoll_move.c (async C): on the epoll backend each worker has its own epoll
 * set, and a socket the runtime created is registered in the set of each worker that waits on
 * it. When its task moves to another worker, the old worker's set keeps a registration whose
 * events find nobody there: the old worker drops it at the first such event, since the other
 * worker's set has taken a wait on the descriptor meanwhile. Before, it dropped it only after
 * four events for nobody, each one taken by the old worker (and each one a possible wake of
 * it): at 1,000 echo connections 0.26 such events per request. Seen through
 * /proc/self/fdinfo of the old worker's epoll descriptor. */
#include <netinet/in.h>
#include <pthread.h>
#include <stdbool.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../../runtime/backend_epoll.h"
#include "test.h"

static int client;
static atomic_int stage2_on = -1; /* the worker the second wait ran on */

/* Whether epoll descriptor epfd has fd registered. */
static bool registered(int epfd, int fd)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/self/fdinfo/%d", epfd);
    FILE *f = fopen(path, "r");
    CHECK(f != NULL);
    bool found = false;
    int tfd;
    while (!found && fgets(line, sizeof line, f))
        found = sscanf(line, "tfd: %d", &tfd) == 1 && tfd == fd;
    fclose(f);
    return found;
}

static int epfd_of(unsigned worker)
{
    struct ac__runtime *rt = atomic_load(&ac__rt);
    return ((struct ep *)rt->workers[worker].io)->epfd;
}

/* Writes a byte once worker `on`'s set has the descriptor (its wait is under way). */
static int write_fd, write_on;
static void *writer(void *arg)
{
    (void)arg;
    for (int i = 0; i < 10000 && !registered(epfd_of((unsigned)write_on), write_fd); i++)
        usleep(1000);
    CHECK_EQ(write(client, "y", 1), 1);
    return NULL;
}

/* A wait for a byte on fd, from the worker running the caller, `me`. */
static async void wait_byte(int fd, int me)
{
    char c;
    write_fd = fd;
    write_on = me;
    pthread_t th;
    CHECK_EQ(pthread_create(&th, NULL, writer, NULL), 0);
    CHECK_EQ(await(ac_recv(fd, &c, 1, 0)), 1);
    CHECK_EQ(pthread_join(th, NULL), 0);
}

/* The second wait, on a worker other than `not_on` (returns at once on that one). */
static async int stage2(int fd, int not_on)
{
    int me = (int)ac__current->index;
    if (me == not_on || atomic_load(&stage2_on) >= 0)
        return 0;
    atomic_store(&stage2_on, me);
    await(wait_byte(fd, me));
    return 1;
}

async int main(void)
{
    if (strcmp(ac_runtime_backend(), "epoll") != 0 || atomic_load(&ac__rt)->nworkers < 2) {
        printf("epoll_move: skipped (the epoll backend with 2 workers only)\n");
        return TEST_SKIP;
    }
    int listener = ac_tcp_listen("127.0.0.1", 0, 4);
    CHECK(listener >= 0);
    struct sockaddr_in a = {.sin_family = AF_INET,
                            .sin_port = htons((unsigned short)ac_socket_port(listener)),
                            .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    client = socket(AF_INET, SOCK_STREAM, 0);
    CHECK(client >= 0);
    CHECK_EQ(connect(client, (struct sockaddr *)&a, sizeof a), 0);
    int fd = await(ac_accept(listener, NULL, NULL));
    CHECK(fd >= 0);
    /* The first wait: on this worker's set. */
    int first = (int)ac__current->index;
    await(wait_byte(fd, first));
    CHECK(registered(epfd_of((unsigned)first), fd));
    /* The second one on the other worker: tasks spawned while this one keeps its worker busy
     * are taken by the other one (its backlog is old after 3 ms). */
    for (int attempt = 0; attempt < 200 && atomic_load(&stage2_on) < 0; attempt++) {
        ac_task *t1 = ac_spawn(stage2(fd, first)), *t2 = ac_spawn(stage2(fd, first));
        test_spin_ms(10);
        await(ac_task_join(t1, NULL));
        await(ac_task_join(t2, NULL));
    }
    if (atomic_load(&stage2_on) < 0) {
        printf("epoll_move: skipped (no task ran on the other worker)\n");
        return TEST_SKIP;
    }
    /* The write's event reached both sets: the first worker, with nobody waiting there, drops
     * its registration (it is parked, and wakes for the event). */
    int epfd = epfd_of((unsigned)first);
    double start = test_now_ms();
    while (registered(epfd, fd) && test_now_ms() - start < 5000)
        await(ac_sleep_ms(1));
    bool kept = registered(epfd, fd);
    printf("epoll_move: the wait moved from worker %d to %d; worker %d's set %s the descriptor\n",
           first, atomic_load(&stage2_on), first, kept ? "still has" : "dropped");
    CHECK(!kept);
    close(client);
    CHECK_EQ(await(ac_close(fd)), 0);
    close(listener);
    return 0;
}
