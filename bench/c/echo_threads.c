/* bench/c/echo_threads.c: the plain pthreads echo server, one blocking thread per connection.
 * Stops by itself after LIFETIME seconds.  usage: echo_threads PORT [LIFETIME=60] */
#include <pthread.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common.h"

static void *serve(void *arg)
{
    int fd = (int)(intptr_t)arg, one = 1;
    char buf[4096];
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n <= 0)
            break;
        for (ssize_t off = 0; off < n;) {
            ssize_t w = write(fd, buf + off, (size_t)(n - off));
            if (w <= 0)
                goto out;
            off += w;
        }
    }
out:
    close(fd);
    return NULL;
}

static void *stopper(void *arg)
{
    sleep((unsigned)(intptr_t)arg);
    exit(0);
}

int main(int argc, char **argv)
{
    int port = argc > 1 ? atoi(argv[1]) : 7000;
    int lifetime = argc > 2 ? atoi(argv[2]) : 60;
    int lfd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    if (bind(lfd, (struct sockaddr *)&a, sizeof a) || listen(lfd, 512)) {
        perror("echo_threads: bind/listen");
        return 1;
    }
    pthread_t t;
    pthread_create(&t, NULL, stopper, (void *)(intptr_t)lifetime);
    printf("READY\n");
    fflush(stdout);
    for (;;) {
        int fd = accept(lfd, NULL, NULL);
        if (fd < 0)
            continue;
        pthread_create(&t, NULL, serve, (void *)(intptr_t)fd);
        pthread_detach(t);
    }
}
