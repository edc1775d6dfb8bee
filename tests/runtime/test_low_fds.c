/* tests/runtime/test_low_fds.c (async C): the runtime's own descriptors (rings, eventfds, the
 * epoll set, the signal dispatcher's pipe) stay out of 0-9, the numbers a shell script names in
 * its redirections (`exec 5>>config.log`) and programs dup2 onto. dash made async ran grep's
 * configure: its `exec 5>>config.log 6>&1 7<&0` took a worker's ring, and the worker died
 * "io_uring_enter: Operation not supported" (a ring made at 3-6 once the shell's workers woke).
 * Here every worker runs, a signal is listened to, then /dev/null goes onto 3-9 as a shell would
 * put it, and sleeps, a pipe and a signal on every worker must still work. */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "asyncc/signal.h"
#include "test.h"

#define TASKS 16

static async int nap(int i)
{
    await(ac_sleep_ms(1 + i % 3));
    await(ac_yield());
    await(ac_sleep_ms(2));
    return i;
}

/* Wakes every worker: tasks that sleep and yield, spread over the workers. */
static async void busy_everywhere(void)
{
    ac_task *t[TASKS];
    for (int i = 0; i < TASKS; i++)
        t[i] = ac_spawn(nap(i));
    for (int i = 0; i < TASKS; i++) {
        int r = -1;
        CHECK_EQ(await(ac_task_join(t[i], &r)), 0);
        CHECK_EQ(r, i);
    }
}

/* Fails when a descriptor of 3-9 is one the runtime made (an anonymous inode or a pipe: the
 * test itself opens none before it looks). */
static void check_low_free(void)
{
    for (int fd = 3; fd <= 9; fd++) {
        char path[32], link[128];
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
        ssize_t n = readlink(path, link, sizeof link - 1);
        if (n < 0)
            continue;
        link[n] = 0;
        if (strncmp(link, "anon_inode:", 11) == 0 || strncmp(link, "pipe:", 5) == 0) {
            fprintf(stderr, "low_fds: descriptor %d is %s\n", fd, link);
            CHECK(!"a runtime descriptor below 10");
        }
    }
}

async int main(void)
{
    alarm(60); /* a worker whose eventfd a dup2 replaced would never wake: fail, not hang */
    ac_signal_listener l;
    CHECK_EQ(ac_signal_listen(&l, SIGUSR2), 0);
    await(busy_everywhere());
    check_low_free();

    int null = open("/dev/null", O_RDWR);
    CHECK_INT(>=, null, 0);
    for (int fd = 3; fd <= 9; fd++)
        if (fd != null)
            CHECK_EQ(dup2(null, fd), fd);
    await(busy_everywhere());

    int p[2];
    CHECK_EQ(pipe(p), 0);
    CHECK_INT(>=, p[0], 10);
    CHECK_EQ(await(ac_write(p[1], "x", 1)), 1);
    char c = 0;
    CHECK_EQ(await(ac_read(p[0], &c, 1)), 1);
    CHECK_EQ(c, 'x');
    kill(getpid(), SIGUSR2);
    CHECK_EQ(await(ac_signal_recv(&l)), 0);
    ac_signal_unlisten(&l);
    await(busy_everywhere());
    printf("low_fds: no runtime descriptor below 10; dup2 onto 3-9 left the runtime working\n");
    return 0;
}
