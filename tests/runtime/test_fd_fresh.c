/* tests/runtime/test_fd_fresh.c (async C): the descriptors the library makes (a child's pidfd and
 * pipes, ac_udp_bind's and ac_tcp_listen's sockets, what ac_open opens) taking the number of a
 * socket the runtime created and the program closed with close(2). On the epoll backend that
 * number kept the runtime's permanent registration, which epoll forgot at the close: a wait
 * trusting it for the new file saw no event until the backend's sweep re-armed it, 250 to 500 ms
 * later (test_fd_reuse). The library's own descriptors are new files: their waits never need
 * the sweep, which finds a forgotten registration by an EPOLL_CTL_MOD that fails with ENOENT
 * (counted here by wrapping epoll_ctl and the sweep at link time, not timed: under valgrind on
 * a loaded machine a child's pipe took 156 ms to be read with no sweep involved). One worker,
 * so that every wait uses one epoll set. */
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test.h"

TEST_ONE_WORKER()

/* Registrations the epoll backend's sweep found forgotten: each a wait that trusted one (a
 * wait that arms its registration itself mends a forgotten one at once, and is not counted). */
static atomic_int forgotten;
static _Thread_local bool sweeping;

struct ep;
void __real_ac__ep_sweep(struct ep *e, uint64_t now);
void __wrap_ac__ep_sweep(struct ep *e, uint64_t now);
void __wrap_ac__ep_sweep(struct ep *e, uint64_t now)
{
    sweeping = true;
    __real_ac__ep_sweep(e, now);
    sweeping = false;
}

int __real_epoll_ctl(int epfd, int op, int fd, struct epoll_event *ev);
int __wrap_epoll_ctl(int epfd, int op, int fd, struct epoll_event *ev);
int __wrap_epoll_ctl(int epfd, int op, int fd, struct epoll_event *ev)
{
    int r = __real_epoll_ctl(epfd, op, fd, ev);
    if (sweeping && r < 0 && op == EPOLL_CTL_MOD && errno == ENOENT)
        atomic_fetch_add(&forgotten, 1);
    return r;
}

/* Leaves the lowest free descriptor number with a permanent registration that epoll forgot: a
 * socket made by the runtime, listening, an accept waited on (and dropped), then close(2). */
static async int stale_number(void)
{
    int fd = await(ac_socket(AF_INET, SOCK_STREAM, 0));
    CHECK_INT(>=, fd, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    CHECK_EQ(ac_bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    CHECK_EQ(ac_listen(fd, 1), 0);
    int r = 0;
    CHECK_EQ(await(ac_timeout(5, r = ac_accept(fd, NULL, NULL))), -ETIMEDOUT);
    close(fd);
    return fd;
}

static async void send_later(int fd, const struct sockaddr_in *to)
{
    await(ac_sleep_ms(10));
    CHECK_EQ(await(ac_sendto(fd, "d", 1, 0, (const struct sockaddr *)to, sizeof *to)), 1);
}

static async void write_fifo_later(const char *path)
{
    await(ac_sleep_ms(10));
    int fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
    CHECK_INT(>=, fd, 0);
    CHECK_EQ(write(fd, "f", 1), 1);
    close(fd);
}

/* The waits so far trusted no forgotten registration. */
#define CHECK_NONE_FORGOTTEN() CHECK_EQ(atomic_load(&forgotten), 0)

async int main(void)
{
    /* A pidfd (none under valgrind, which lacks pidfd_open): the child exits at once. */
    int stale = await(stale_number());
    char *true_argv[] = {"true", NULL};
    ac_child c;
    CHECK_EQ(ac_child_spawn(&c, "true", true_argv, NULL), 0);
    CHECK(c.pidfd == stale || c.pidfd == -1);
    CHECK_EQ(await(ac_child_wait(&c)), 0);
    CHECK_NONE_FORGOTTEN();
    ac_child_close(&c);

    /* A child's stdout pipe (the parent's end is the pipe's read end, the first number). */
    stale = await(stale_number());
    ac_command piped = {AC_STDIO_INHERIT, AC_STDIO_PIPE, AC_STDIO_INHERIT, NULL, NULL};
    char *echo_argv[] = {"sh", "-c", "sleep 0.01; echo x", NULL};
    CHECK_EQ(ac_child_spawn(&c, "sh", echo_argv, &piped), 0);
    CHECK_EQ(c.stdout_fd, stale);
    char buf[8];
    CHECK_EQ(await(ac_read(c.stdout_fd, buf, sizeof buf)), 2);
    CHECK_NONE_FORGOTTEN();
    CHECK_EQ(await(ac_child_wait(&c)), 0);
    ac_child_close(&c);

    /* A UDP socket, and a TCP listener's accept. */
    stale = await(stale_number());
    int u = ac_udp_bind("127.0.0.1", 0);
    CHECK_EQ(u, stale);
    int sender = ac_udp_bind("127.0.0.1", 0);
    struct sockaddr_in to = {.sin_family = AF_INET,
                             .sin_port = htons((unsigned short)ac_socket_port(u)),
                             .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    ac_task *sending = ac_spawn(send_later(sender, &to));
    long n = await(ac_recv(u, buf, sizeof buf, 0));
    await(ac_task_join(sending, NULL));
    CHECK_EQ(n, 1);
    CHECK_NONE_FORGOTTEN();
    close(u);
    close(sender);
    stale = await(stale_number());
    int l = ac_tcp_listen("127.0.0.1", 0, 4);
    CHECK_EQ(l, stale);
    int client = -1, conn = -1;
    unsigned short port = (unsigned short)ac_socket_port(l);
    await(ac_join(conn = ac_accept(l, NULL, NULL), client = ac_tcp_connect("127.0.0.1", port)));
    CHECK(conn >= 0 && client >= 0);
    CHECK_NONE_FORGOTTEN();
    await(ac_close(conn));
    await(ac_close(client));
    close(l);

    /* A FIFO opened with ac_open (its reads wait for readiness; a regular file's never do). */
    char fifo[64];
    snprintf(fifo, sizeof fifo, "/tmp/asyncc-fresh-%d", (int)getpid());
    CHECK_EQ(mkfifo(fifo, 0600), 0);
    stale = await(stale_number());
    int f = await(ac_open(fifo, O_RDONLY, 0));
    CHECK_EQ(f, stale);
    ac_task *writing = ac_spawn(write_fifo_later(fifo));
    CHECK_EQ(await(ac_read(f, buf, sizeof buf)), 1);
    CHECK_NONE_FORGOTTEN();
    await(ac_task_join(writing, NULL));
    await(ac_close(f));
    unlink(fifo);
    printf("fd_fresh: ok\n");
    return 0;
}
