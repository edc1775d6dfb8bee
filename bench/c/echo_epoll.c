/* bench/c/echo_epoll.c: the hand-written single-threaded epoll echo server, the classic
 * readiness loop (what Redis's ae does): every socket non-blocking and registered once,
 * level-triggered; a readable socket is read and what came in is written back at once (a short
 * write keeps the rest and waits for EPOLLOUT). Stops by itself after LIFETIME seconds.
 * usage: echo_epoll PORT [LIFETIME=60] */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common.h"

struct conn {
    int fd;
    size_t pending, off; /* bytes of buf still to write back, from off */
    char buf[4096];
};

static void drop(int ep, struct conn *c)
{
    epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    free(c);
}

/* Writes back what is pending; returns 0, or -1 when the connection is gone. */
static int flush_out(int ep, struct conn *c)
{
    while (c->pending) {
        ssize_t n = send(c->fd, c->buf + c->off, c->pending, MSG_NOSIGNAL);
        if (n < 0 && errno == EAGAIN) {
            struct epoll_event ev = {.events = EPOLLOUT, .data.ptr = c};
            epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
            return 0;
        }
        if (n <= 0)
            return -1;
        c->off += (size_t)n;
        c->pending -= (size_t)n;
    }
    return 0;
}

int main(int argc, char **argv)
{
    int port = argc > 1 ? atoi(argv[1]) : 7000;
    int lifetime = argc > 2 ? atoi(argv[2]) : 60;
    int lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0), one = 1;
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    if (bind(lfd, (struct sockaddr *)&a, sizeof a) || listen(lfd, 512)) {
        perror("echo_epoll: bind/listen");
        return 1;
    }
    int ep = epoll_create1(0);
    struct epoll_event lev = {.events = EPOLLIN, .data.ptr = NULL};
    epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &lev);
    printf("READY\n");
    fflush(stdout);
    uint64_t stop = bench_now_ns() + (uint64_t)lifetime * 1000000000u;
    static struct epoll_event evs[512];
    while (bench_now_ns() < stop) {
        int n = epoll_wait(ep, evs, 512, 1000);
        for (int i = 0; i < n; i++) {
            struct conn *c = evs[i].data.ptr;
            if (!c) { /* the listener: take every connection waiting */
                int fd;
                while ((fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    c = malloc(sizeof *c);
                    c->fd = fd;
                    c->pending = c->off = 0;
                    struct epoll_event ev = {.events = EPOLLIN, .data.ptr = c};
                    epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
                }
                continue;
            }
            if (c->pending) { /* writable again: finish the echo, then read again */
                if (flush_out(ep, c) < 0) {
                    drop(ep, c);
                } else if (!c->pending) {
                    struct epoll_event ev = {.events = EPOLLIN, .data.ptr = c};
                    epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
                }
                continue;
            }
            ssize_t got = recv(c->fd, c->buf, sizeof c->buf, 0);
            if (got < 0 && errno == EAGAIN)
                continue;
            if (got <= 0) {
                drop(ep, c);
                continue;
            }
            c->pending = (size_t)got;
            c->off = 0;
            if (flush_out(ep, c) < 0)
                drop(ep, c);
        }
    }
    return 0;
}
