/* tests/runtime/test_signal_each.c (async C): signals sent to the process one at a time, each
 * awaited by a listener before the next, while other tasks make the workers sleep and wake in
 * their backend's wait all the time: every one arrives. Under ThreadSanitizer a handler runs
 * only once its thread reaches a call TSan intercepts: an io_uring worker asleep in
 * io_uring_enter held a signal for as long as it slept (the 432nd and the 1023rd were never seen
 * in two runs) until the runtime built for TSan waited in poll there. */
#include <pthread.h>
#include <signal.h>

#include "test.h"

enum { SIGNALS = 2000 };

static _Atomic long seen;
static _Atomic int lost = -1;

__attribute__((constructor)) static void three_workers(void)
{
    ac_runtime_config config;
    ac_runtime_config_default(&config);
    config.workers = 3; /* idle workers the kernel may pick for the signal */
    CHECK_EQ(ac_runtime_configure(&config), 0);
}

static async void receive(ac_signal_listener *l)
{
    while (atomic_load(&seen) < SIGNALS && atomic_load(&lost) < 0) {
        int r = 0;
        if (await(ac_timeout(2, r = ac_signal_recv(l))) == 0) {
            CHECK_EQ(r, 0);
            atomic_fetch_add(&seen, 1);
        }
    }
}

/* Other tasks come and go on the workers meanwhile: one-shot signal futures and listeners under
 * short timeouts, so that workers go to sleep and wake up all the time. */
static _Atomic int stop;

static async void churn(unsigned seed)
{
    while (!atomic_load(&stop)) {
        seed = seed * 1103515245u + 12345u;
        unsigned ms = (seed >> 16) % 3;
        if (seed & 0x10000000u) {
            ac_signal_listener other;
            CHECK_EQ(ac_signal_listen(&other, SIGUSR2), 0);
            await(ac_timeout(ms, ac_signal_recv(&other)));
            ac_signal_unlisten(&other);
        } else {
            await(ac_timeout(ms, ac_signal(SIGUSR2)));
        }
    }
}

static void *send_each(void *arg)
{
    (void)arg;
    for (int i = 0; i < SIGNALS; i++) {
        CHECK_EQ(kill(getpid(), SIGUSR2), 0);
        unsigned long long start = ac_now_ms();
        while (atomic_load(&seen) == i) {
            if (ac_now_ms() - start > 5000) {
                atomic_store(&lost, i);
                return NULL;
            }
            usleep(20);
        }
    }
    return NULL;
}

async int main(void)
{
    ac_signal_listener l;
    CHECK_EQ(ac_signal_listen(&l, SIGUSR2), 0);
    ac_task *churns[4];
    for (int i = 0; i < 4; i++)
        churns[i] = ac_spawn(churn((unsigned)i + 1));
    ac_task *r = ac_spawn(receive(&l));
    await(ac_sleep_ms(10)); /* the workers go to sleep */
    pthread_t sender;
    CHECK_EQ(pthread_create(&sender, NULL, send_each, NULL), 0);
    CHECK_EQ(await(ac_task_join(r, NULL)), 0);
    CHECK_EQ(pthread_join(sender, NULL), 0);
    CHECK_EQ(atomic_load(&lost), -1); /* the number of the signal that never arrived */
    CHECK_EQ(atomic_load(&seen), SIGNALS);
    atomic_store(&stop, 1);
    for (int i = 0; i < 4; i++)
        CHECK_EQ(await(ac_task_join(churns[i], NULL)), 0);
    ac_signal_unlisten(&l);
    printf("signal_each: ok (%s), %d signals\n", ac_runtime_backend(), SIGNALS);
    return 0;
}
