/* tests/runtime/test_fork_churn.c (async C): fork() while the runtime's other threads move tasks
 * between its structures: a plain thread spawns jobs through the global queue, the workers run,
 * yield, steal and time them (the wheel), pairs of tasks wake each other across workers, and
 * others wait on the blocking pool. Each child must run every job the parent had spawned before
 * the fork to its end: all but those another worker was polling at that instant (at most one per
 * worker), whose polls the child cannot finish. Before the prepare handler (nofork.c), a thread
 * stopped halfway through a steal, a batch taken from the global queue or a slot of timers left
 * the child without those tasks (or with a queue nobody could steal from again), and a child
 * whose notify's lock a task on another worker held at that instant spun on it for ever. */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test.h"

#define WORKERS 4
#define ROUNDS 100
#define RING (1u << 22) /* jobs noted by their number, modulo RING */
#define BURST 512
#define IN_FLIGHT 4000 /* jobs spawned and not finished, at most */
#define PAIRS 4

TEST_NO_LEAK_CHECK_AFTER_FORK()

__attribute__((constructor)) static void four_workers(void)
{
    ac_runtime_config config;
    ac_runtime_config_default(&config);
    config.workers = WORKERS;
    CHECK_EQ(ac_runtime_configure(&config), 0);
}

static _Atomic unsigned done[RING]; /* job i done: done[i % RING] == i + 1 */
static _Atomic unsigned spawned, finished;
static _Atomic unsigned low_mark; /* every job before it has finished (main's reading) */
static _Atomic int stop;

/* A job: a sleep (the jobs of a burst share a slot of the wheel, whose firing wakes hundreds
 * at once into one worker's queue, overflowing into the global one), then a few turns through
 * the run queues (stolen as often as not). */
static async void job(unsigned i)
{
    await(ac_sleep_ms(1));
    for (unsigned k = 0; k < 1 + i % 3; k++)
        await(ac_yield());
    atomic_store(&done[i % RING], i + 1);
    atomic_fetch_add(&finished, 1);
}

/* Spawns jobs from outside the workers (the global queue), in bursts. */
static void *spawner(void *arg)
{
    (void)arg;
    unsigned n = 0;
    while (!atomic_load(&stop)) {
        /* Not more than RING jobs beyond main's last reading: done[] would wrap. */
        if (n - atomic_load(&finished) > IN_FLIGHT || n - atomic_load(&low_mark) > RING / 2) {
            struct timespec ts = {0, 200000};
            nanosleep(&ts, NULL);
            continue;
        }
        for (unsigned k = 0; k < BURST; k++, n++) {
            ac_task_detach(ac_spawn(job(n)));
            atomic_store(&spawned, n + 1);
        }
    }
    return NULL;
}

/* Two tasks that wake each other (on whichever workers run them) until stop. */
static async void ping(ac_notify *mine, ac_notify *theirs)
{
    while (!atomic_load(&stop)) {
        ac_notify_one(theirs);
        await(ac_notify_wait(mine));
    }
    ac_notify_one(theirs);
}

static long spin_a_little(void *arg)
{
    (void)arg;
    for (volatile int i = 0; i < 2000; i++)
        ;
    return 1;
}

static async void pool_user(void)
{
    while (!atomic_load(&stop))
        await(ac_spawn_blocking(spin_a_little, NULL));
}

static bool is_done(unsigned i)
{
    return atomic_load_explicit(&done[i % RING], memory_order_relaxed) == i + 1;
}

/* In the child: waits (20 s at most) until no more of the jobs [low, before) spawned before the
 * fork are missing than other workers could have been polling then; returns how many are. */
static async unsigned child_check(unsigned low, unsigned before)
{
    unsigned missing = before - low;
    for (int t = 0; t < 20000; t++) {
        missing = 0;
        for (unsigned i = low; i < before; i++)
            missing += !is_done(i);
        if (missing <= WORKERS - 1)
            break;
        await(ac_sleep_ms(1));
    }
    return missing;
}

/* The child's exit status, or -1 when it has not exited in 30 s (then killed). */
static async int wait_child(pid_t pid)
{
    for (int i = 0; i < 30000; i++) {
        int status;
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid)
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        await(ac_sleep_ms(1));
    }
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    return -1;
}

async int main(void)
{
    if (test_under_tsan()) /* no threads after a multi-threaded fork() */
        return 77;
    ac_notify *n[2 * PAIRS];
    for (int i = 0; i < 2 * PAIRS; i++)
        n[i] = ac_notify_new();
    ac_task *pingers[2 * PAIRS];
    for (int i = 0; i < PAIRS; i++) {
        pingers[2 * i] = ac_spawn(ping(n[2 * i], n[2 * i + 1]));
        pingers[2 * i + 1] = ac_spawn(ping(n[2 * i + 1], n[2 * i]));
    }
    ac_task *pool = ac_spawn(pool_user());
    pthread_t th;
    CHECK_EQ(pthread_create(&th, NULL, spawner, NULL), 0);
    int lost = 0, crashed = 0, hung = 0;
    unsigned worst = 0, low = 0;
    for (int r = 0; r < ROUNDS; r++) {
        await(ac_sleep_ms(1 + r % 3));
        fflush(NULL);
        unsigned before = atomic_load(&spawned);
        while (low < before && is_done(low))
            low++; /* every job before low has finished */
        atomic_store(&low_mark, low);
        CHECK(before - low < RING);
        pid_t pid = fork();
        CHECK(pid >= 0);
        if (pid == 0) {
            unsigned missing = await(child_check(low, before));
            if (missing > WORKERS - 1)
                fprintf(stderr, "fork_churn: child %d: %u of the %u jobs unfinished at the fork never "
                                "finished\n", r, missing, before - low);
            _exit(missing > WORKERS - 1 ? 1 : 0);
        }
        int st = await(wait_child(pid));
        lost += st == 1;
        hung += st == -1;
        crashed += st > 1;
        if (st != 0 && worst == 0)
            worst = (unsigned)st;
    }
    atomic_store(&stop, 1);
    pthread_join(th, NULL);
    for (int i = 0; i < 2 * PAIRS; i++)
        await(ac_task_join(pingers[i], NULL));
    for (int i = 0; i < 2 * PAIRS; i++)
        ac_notify_free(n[i]);
    await(ac_task_join(pool, NULL));
    unsigned total = atomic_load(&spawned);
    while (atomic_load(&finished) < total)
        await(ac_sleep_ms(1));
    if (lost || crashed || hung) {
        fprintf(stderr, "fork_churn: of %d children, %d lost jobs, %d crashed, %d hung (first status %u)\n",
                ROUNDS, lost, crashed, hung, worst);
        return 1;
    }
    printf("fork_churn: %d children ran every job spawned before their fork (%u jobs in all)\n", ROUNDS,
           total);
    return 0;
}
