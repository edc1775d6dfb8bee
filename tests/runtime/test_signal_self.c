/* tests/runtime/test_signal_self.c (async C): a signal a task sends its own process runs the
 * program's handler on the task's worker before kill() returns, as in the sequential program
 * (POSIX: when no other thread leaves it unblocked). Linux gives such a signal to the main
 * thread, which waits in ac_block_on: there the handler ran on that thread, perhaps after
 * kill() returned (dash made async lost its traps). Every thread of the runtime but its
 * workers holds the signals back: the monitor, the signal dispatcher and an idle blocking-pool
 * thread are there when the task sends them; one worker, which is then the only thread left.
 * A pool thread runs a job with the program's mask, which children it starts inherit. */
#define _GNU_SOURCE
#include <signal.h>
#include <unistd.h>

#include "test.h"

TEST_ONE_WORKER()

#define ROUNDS 200

static volatile sig_atomic_t handled;
static volatile pid_t handled_on;

static void on_usr2(int sig)
{
    (void)sig;
    handled_on = gettid();
    handled = 1;
}

/* Whether a blocking job runs with the program's signal mask, SIGTERM unblocked (which a child
 * it starts would inherit): 1. */
static long job_mask_is_programs(void *arg)
{
    (void)arg;
    sigset_t now;
    pthread_sigmask(SIG_SETMASK, NULL, &now);
    return !sigismember(&now, SIGTERM);
}

async int main(void)
{
    struct sigaction sa = {.sa_handler = on_usr2};
    sigemptyset(&sa.sa_mask);
    CHECK_EQ(sigaction(SIGUSR2, &sa, NULL), 0);
    ac_signal_listener l; /* the dispatcher runs */
    CHECK_EQ(ac_signal_listen(&l, SIGUSR1), 0);
    CHECK_EQ(await(ac_spawn_blocking(job_mask_is_programs, NULL)), 1); /* a pool thread is there */
    await(ac_sleep_ms(20));                                              /* idle; the monitor too */
    CHECK_EQ(await(ac_spawn_blocking(job_mask_is_programs, NULL)), 1);  /* after its idle wait */
    await(ac_sleep_ms(20));
    int late = 0, elsewhere = 0;
    for (int i = 0; i < ROUNDS; i++) {
        handled = 0;
        handled_on = 0;
        CHECK_EQ(kill(getpid(), SIGUSR2), 0);
        late += !handled;
        while (!handled)
            await(ac_yield());
        elsewhere += handled_on != gettid();
        if (i % 20 == 0)
            await(ac_sleep_ms(1)); /* and from later polls, after the worker waited */
    }
    ac_signal_unlisten(&l);
    if (late || elsewhere) {
        fprintf(stderr, "signal_self: of %d signals, %d handled after kill() returned, %d on "
                        "another thread than the sender's\n", ROUNDS, late, elsewhere);
        return 1;
    }
    printf("signal_self: ok\n");
    return 0;
}
