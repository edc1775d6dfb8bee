/* tests/runtime/test_cancel_monitor.c (async C): an I/O future dropped in a poll that lasts,
 * while the monitor serves the worker's completions (monitor.c). The monitor may take the
 * op's completion after the drop has looked at the op and before the drop takes the worker's
 * backend; the drop must then not wait for a completion that has come already. On the epoll
 * backend it waited in epoll_wait for ever, with a task queued on the only worker: the whole
 * program hung (a pipe writer under TSan on a loaded machine). Linked with
 * -Wl,--wrap=epoll_wait, which holds the monitor for a while once it has the read's event in
 * hand, so that the drop comes in between every time. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdbool.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "test.h"

TEST_ONE_WORKER()

#define ROUNDS 20

int __real_epoll_wait(int epfd, struct epoll_event *events, int max, int timeout);
int __wrap_epoll_wait(int epfd, struct epoll_event *events, int max, int timeout);

static pthread_t worker;
static atomic_int worker_known;
static atomic_int watched_fd = -1; /* the read's descriptor while a round waits for the monitor */
static atomic_int monitor_has_it;  /* another thread than the worker took its event */

int __wrap_epoll_wait(int epfd, struct epoll_event *events, int max, int timeout)
{
    int n = __real_epoll_wait(epfd, events, max, timeout);
    int fd = atomic_load(&watched_fd);
    if (n <= 0 || fd < 0 || !atomic_load(&worker_known) || pthread_equal(pthread_self(), worker))
        return n;
    for (int i = 0; i < n; i++) {
        if (events[i].data.u64 == (uint64_t)fd) {
            atomic_store(&watched_fd, -1);
            atomic_store(&monitor_has_it, 1);
            usleep(20000); /* the worker drops the read meanwhile */
            break;
        }
    }
    return n;
}

/* Makes the read ready and holds the worker until the monitor has taken over and holds the
 * read's event (on io_uring, which has no epoll_wait, for 20 ms; on epoll for at most 2 s, on
 * a machine so loaded that the monitor thread gets no CPU meanwhile). */
static async int hog(int read_fd, int write_fd, bool epoll)
{
    worker = pthread_self();
    atomic_store(&worker_known, 1);
    atomic_store(&monitor_has_it, 0);
    atomic_store(&watched_fd, read_fd);
    CHECK_EQ(write(write_fd, "x", 1), 1);
    unsigned long long give_up = ac_now_ns() + (epoll ? 2000000000ull : 20000000ull);
    while (!atomic_load(&monitor_has_it) && ac_now_ns() < give_up)
        ;
    atomic_store(&watched_fd, -1);
    return 0;
}

async int main(void)
{
    alarm(60); /* a drop that waits for ever hangs the only worker: fail, do not hang CI */
    int p[2];
    CHECK_EQ(pipe(p), 0);
    int held = 0;
    bool epoll = !strcmp(ac_runtime_backend(), "epoll");
    for (int i = 0; i < ROUNDS; i++) {
        char c = 0;
        long n = -1;
        int which = await(ac_select(n = ac_read(p[0], &c, 1), hog(p[0], p[1], epoll)));
        held += atomic_load(&monitor_has_it);
        if (which == 1) /* the byte went to the dropped read's kept bytes (io.h), or stayed */
            CHECK_EQ(await(ac_read(p[0], &c, 1)), 1);
        else
            CHECK_EQ(n, 1);
        CHECK_EQ(c, 'x');
    }
    if (epoll) /* (the old drop hung at the first) */
        CHECK_INT(>=, held, ROUNDS / 2);
    close(p[0]);
    close(p[1]);
    printf("cancel_monitor: %d rounds, the monitor held the read's completion in %d\n", ROUNDS,
           held);
    return 0;
}
