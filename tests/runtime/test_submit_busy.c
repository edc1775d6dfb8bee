/* tests/runtime/test_submit_busy.c (async C): a worker that never runs out of tasks (so never
 * parks, where everything prepared is submitted) still hands its prepared I/O to the kernel and
 * takes the completions the kernel holds back until it enters (io_uring's COOP_TASKRUN). A
 * reader's receive is prepared while another task keeps the worker busy with short polls; data
 * comes 5 ms later from a thread; the receive must complete well before the busy task gives up
 * (2 s). A reap between polls submits prepared SQEs only when they are due or it enters the
 * kernel anyway (runtime/backend_uring.c, uring_reap): this checks that neither the receive's
 * submission nor its completion waits for a park. Current-thread runtime: one worker. */
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

#include "test.h"

static int s[2];
static atomic_int got;
static double written_ms, got_ms;

static async void reader(void)
{
    char c;
    CHECK_EQ(await(ac_recv(s[0], &c, 1, 0)), 1);
    got_ms = test_now_ms();
    atomic_store(&got, 1);
}

static void *writer(void *arg)
{
    (void)arg;
    usleep(5000);
    written_ms = test_now_ms();
    CHECK_EQ(write(s[1], "x", 1), 1);
    return NULL;
}

static async int root(void)
{
    ac_task *r = ac_spawn(reader());
    await(ac_yield()); /* the reader prepares its receive */
    pthread_t th;
    CHECK_EQ(pthread_create(&th, NULL, writer, NULL), 0);
    double give_up = test_now_ms() + 2000;
    long polls = 0;
    while (!atomic_load(&got) && test_now_ms() < give_up) {
        test_spin_ms(0.01);
        await(ac_yield());
        polls++;
    }
    CHECK_EQ(pthread_join(th, NULL), 0);
    await(ac_task_join(r, NULL));
    printf("submit_busy: the receive completed %.2f ms after the write, %ld busy polls in all\n",
           got_ms - written_ms, polls);
    CHECK_INT(<, (long)(got_ms - written_ms), 500);
    return 0;
}

int main(void)
{
    CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, s), 0);
    test_current_thread();
    int rc = ac_block_on(root());
    ac_runtime_shutdown();
    close(s[0]);
    close(s[1]);
    CHECK_EQ(rc, 0);
    return 0;
}
