/* tests/runtime/test_stale_waiter.c (async C): a descriptor the program made (socketpair(2)),
 * closed (ac_close or close(2)) while a task still waits on it, whose number the program then
 * gets back: a wait on the new socket sees its events. The old wait never completes (io_uring
 * holds the old file, as epoll holds nothing), and the epoll backend took its one-shot interest,
 * armed for the old file and gone with it, as covering the new wait too: the new recv waited for
 * ever. Also with the old task aborted just before the new wait, and for two readiness waits. */
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "test.h"

static async long recv_one(int fd)
{
    char c;
    return await(ac_recv(fd, &c, 1, 0));
}

/* A task waits on a socket closed under it; a new socket gets its number; a recv there must
 * see the byte sent to it. */
static async void reuse(int use_ac_close, int abort_first)
{
    int old[2];
    CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, old), 0);
    ac_task *stale = ac_spawn(recv_one(old[0]));
    await(ac_sleep_ms(10)); /* it waits */
    int number = old[0];
    if (use_ac_close)
        CHECK_EQ(await(ac_close(old[0])), 0);
    else
        close(old[0]);
    close(old[1]);
    if (abort_first)
        ac_task_abort(stale);
    int now[2];
    CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, now), 0);
    CHECK_EQ(now[0], number); /* the number came back */
    ac_task *fresh = ac_spawn(recv_one(now[0]));
    await(ac_sleep_ms(10));
    CHECK_EQ(write(now[1], "x", 1), 1);
    long n = 0;
    int w = await(ac_timeout(2000, ac_task_join(fresh, &n)));
    if (w) {
        fprintf(stderr, "stale_waiter: a recv on reused descriptor %d still waits (ac_close %d, "
                        "abort %d)\n", number, use_ac_close, abort_first);
        abort();
    }
    CHECK_EQ(n, 1);
    /* A readiness wait the same way. */
    ac_task *ready = ac_spawn(ac_fd_readable(now[0]));
    await(ac_sleep_ms(10));
    CHECK_EQ(write(now[1], "y", 1), 1);
    int r = 0;
    CHECK_EQ(await(ac_timeout(2000, ac_task_join(ready, &r))), 0);
    CHECK(r & POLLIN);
    if (!abort_first)
        ac_task_abort(stale);
    await(ac_sleep_ms(5));
    close(now[0]);
    close(now[1]);
}

async int main(void)
{
    for (int use_ac_close = 0; use_ac_close < 2; use_ac_close++)
        for (int abort_first = 0; abort_first < 2; abort_first++)
            await(reuse(use_ac_close, abort_first));
    printf("stale_waiter: ok (%s)\n", ac_runtime_backend());
    return 0;
}
