/* tests/runtime/test_shutdown_busy.c (async C): ac_runtime_shutdown from plain C while tasks are
 * in the middle of everything: receives and accepts that wait, reads of a pipe, sleeps, a
 * blocking job still running, a job that finishes in the instant of the shutdown, joins and
 * notify waits; then ac_block_on again on a new runtime, many times. Every cleanup runs once,
 * nothing is touched after it is freed, no descriptor is left. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "stress.h"
#include "test.h"

static _Atomic long progress, cleaned, started;
static int pipes[2], pair[2], listener;

static long nap(void *arg)
{
    usleep((useconds_t)(intptr_t)arg);
    return (long)(intptr_t)arg;
}

/* Counts itself when it ends, by finishing or by being dropped: a cleanup. */
struct guard {
    int armed;
};

static void guard_end(struct guard *g)
{
    if (g->armed)
        atomic_fetch_add(&cleaned, 1);
}

static async void waiter(int kind, ac_notify *n)
{
    __attribute__((cleanup(guard_end))) struct guard g = {1};
    atomic_fetch_add(&started, 1);
    char buf[64];
    switch (kind) {
    case 0:
        await(ac_recv(pair[0], buf, sizeof buf, 0));
        break;
    case 1:
        await(ac_read(pipes[0], buf, sizeof buf));
        break;
    case 2:
        await(ac_accept(listener, NULL, NULL));
        break;
    case 3:
        await(ac_sleep_ms(100000));
        break;
    case 4:
        await(ac_spawn_blocking(nap, (void *)(intptr_t)20000));
        await(ac_sleep_ms(100000));
        break;
    case 5:
        await(ac_notify_wait(n));
        break;
    default: {
        ac_task *t = ac_spawn(waiter(3, n));
        await(ac_task_join(t, NULL));
        break;
    }
    }
}

static async int start_all(ac_notify *n, int per_kind)
{
    for (int i = 0; i < per_kind; i++)
        for (int kind = 0; kind < 7; kind++)
            ac_task_detach(ac_spawn(waiter(kind, n)));
    while (atomic_load(&started) < per_kind * 8)
        await(ac_sleep_ms(1));
    return 1;
}

/* Starts the waiters, shuts the runtime down under them, rounds times. */
static void rounds_of_shutdowns(int rounds)
{
    int fds = -1;
    for (int r = 0; r < rounds; r++) {
        atomic_store(&started, 0);
        atomic_store(&cleaned, 0);
        ac_notify *n = ac_notify_new();
        int per_kind = 1 + r % 4;
        CHECK_EQ(ac_block_on(start_all(n, per_kind)), 1);
        if (r % 2)
            usleep((useconds_t)(r % 5) * 4000); /* blocking jobs end around the shutdown */
        ac_runtime_shutdown();
        CHECK_EQ(atomic_load(&cleaned), per_kind * 8);
        ac_notify_free(n);
        if (r == 1)
            fds = test_count_dir("/proc/self/fd");
        else if (r > 1)
            CHECK_EQ(test_count_dir("/proc/self/fd"), fds);
        atomic_fetch_add(&progress, 1);
    }
}

int main(void)
{
    stress_watchdog_progress(&progress, 30);
    CHECK_EQ(pipe(pipes), 0);
    CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, pair), 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    listener = socket(AF_INET, SOCK_STREAM, 0);
    CHECK_EQ(bind(listener, (struct sockaddr *)&a, sizeof a), 0);
    CHECK_EQ(listen(listener, 16), 0);
    rounds_of_shutdowns(30);
    test_current_thread();
    rounds_of_shutdowns(30);
    stress_watchdog_done();
    printf("shutdown_busy: ok\n");
    return 0;
}
