/* tests/runtime/test_signal.c (async C): signals as futures: several tasks waiting for one
 * signal at once, deliveries kept for a listener between two waits and coalesced, a wait
 * cancelled by a timeout, ctrl_c (SIGINT, which then does not end the process), a signal sent
 * by another thread, and the signals that cannot be waited for. */
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include "test.h"

#define NWAITERS 6

static atomic_int woken;

static async int waiter(int signo)
{
    int r = await(ac_signal(signo));
    atomic_fetch_add(&woken, 1);
    return r;
}

static atomic_int interrupted;

static async int ctrl_c_waiter(void)
{
    int r = await(ac_ctrl_c());
    atomic_store(&interrupted, 1);
    return r;
}

static void *send_later(void *arg)
{
    usleep(20000);
    kill(getpid(), *(int *)arg);
    return NULL;
}

async int main(void)
{
    ac_signal_listener l;
    CHECK_EQ(ac_signal_listen(&l, SIGUSR2), 0);

    /* Many one-shot waiters and a listener, one delivery. */
    ac_task *tasks[NWAITERS];
    for (int i = 0; i < NWAITERS; i++)
        tasks[i] = ac_spawn(waiter(SIGUSR2));
    /* A waiter listens from its first poll: send until every one has woken (once, usually;
     * more under a slow sanitizer). */
    for (int i = 0; i < 500 && atomic_load(&woken) < NWAITERS; i++) {
        await(ac_sleep_ms(10));
        CHECK_EQ(kill(getpid(), SIGUSR2), 0);
    }
    for (int i = 0; i < NWAITERS; i++) {
        int r = -1;
        await(ac_task_join(tasks[i], &r));
        CHECK_EQ(r, 0);
    }
    CHECK_EQ(atomic_load(&woken), NWAITERS);
    /* The listener kept the delivery though it was not waiting. */
    CHECK_EQ(await(ac_signal_recv(&l)), 0);

    /* Three deliveries before the next wait are received as one. */
    for (int i = 0; i < 3; i++)
        CHECK_EQ(kill(getpid(), SIGUSR2), 0);
    await(ac_sleep_ms(10));
    CHECK_EQ(await(ac_signal_recv(&l)), 0);
    int r = -1;
    int t = await(ac_timeout(30, r = ac_signal_recv(&l)));
    CHECK_EQ(t, -ETIMEDOUT);
    CHECK_EQ(r, -1);

    /* After a cancelled wait, a delivery is received by the next one. */
    CHECK_EQ(kill(getpid(), SIGUSR2), 0);
    t = await(ac_timeout(1000, r = ac_signal_recv(&l)));
    CHECK_EQ(t, 0);
    CHECK_EQ(r, 0);

    /* From another thread, while we wait. */
    int sig = SIGUSR2;
    pthread_t th;
    CHECK_EQ(pthread_create(&th, NULL, send_later, &sig), 0);
    CHECK_EQ(await(ac_signal_recv(&l)), 0);
    pthread_join(th, NULL);
    ac_signal_unlisten(&l);

    /* Ctrl-C: the waiter wakes and the process goes on. */
    ac_task *c = ac_spawn(ctrl_c_waiter());
    for (int i = 0; i < 500 && !atomic_load(&interrupted); i++) {
        await(ac_sleep_ms(10));
        CHECK_EQ(kill(getpid(), SIGINT), 0);
    }
    r = -1;
    await(ac_task_join(c, &r));
    CHECK_EQ(r, 0);

    /* A one-shot wait dropped by a timeout unlistens. */
    t = await(ac_timeout(10, r = ac_signal(SIGUSR2)));
    CHECK_EQ(t, -ETIMEDOUT);

    CHECK_EQ(await(ac_signal(SIGKILL)), -EINVAL);
    CHECK_EQ(await(ac_signal(0)), -EINVAL);
    CHECK_EQ(ac_signal_listen(&l, SIGSEGV), -EINVAL);
    printf("signal: ok\n");
    return 0;
}
