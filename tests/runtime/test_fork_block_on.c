/* tests/runtime/test_fork_block_on.c (async C): fork() from plain C between ac_block_on calls,
 * and while another thread waits in one: the child's own ac_block_on calls run on a runtime of
 * its own (I/O, timers, the blocking pool, spawned tasks) and return, the parent's go on, on
 * multi-thread and current-thread runtimes. With a thread waiting, the child's first call ended
 * the child (exit 0 when its task completed: every task waited for in the child was taken for
 * the one the parent's gone thread waited for), and once that was fixed its wake hung in
 * pthread_cond_broadcast on the condition the parent's thread had waited on. */
#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

static long plus_one(void *arg)
{
    return (long)(intptr_t)arg + 1;
}

static async long echo_through_pipe(long v)
{
    int p[2];
    CHECK_EQ(pipe(p), 0);
    ac_task *w = ac_spawn(ac_write(p[1], &v, sizeof v));
    long got = 0;
    CHECK_EQ(await(ac_read(p[0], &got, sizeof got)), (long)sizeof got);
    long wrote = 0;
    CHECK_EQ(await(ac_task_join(w, &wrote)), 0);
    CHECK_EQ(wrote, (long)sizeof v);
    close(p[0]);
    close(p[1]);
    return got;
}

static async long work(long v)
{
    await(ac_sleep_ms(2));
    long a = await(ac_spawn_blocking(plus_one, (void *)(intptr_t)v));
    return await(echo_through_pipe(a)) + 1;
}

static async long slow(long v)
{
    await(ac_sleep_ms(2000)); /* long after the child is done */
    return v;
}

static void *slow_caller(void *arg)
{
    (void)arg;
    CHECK_EQ(ac_block_on(slow(7)), 7);
    return NULL;
}

/* The child: its own ac_block_on calls, then exit 42. */
static void child_side(int round)
{
    for (int i = 0; i < 3; i++)
        if (ac_block_on(work(round * 10 + i)) != round * 10 + i + 2)
            _exit(1);
    _exit(42);
}

static void fork_and_check(int round)
{
    pid_t pid = fork();
    CHECK_INT(>=, pid, 0);
    if (pid == 0)
        child_side(round);
    CHECK_EQ(ac_block_on(work(round)), round + 2);
    int status = -1;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 42) {
        fprintf(stderr, "fork_block_on: round %d: the child ended with status %#x\n", round, status);
        abort();
    }
}

static void rounds(void)
{
    CHECK_EQ(ac_block_on(work(1)), 3);
    for (int r = 0; r < 5; r++)
        fork_and_check(r);
    /* With a thread waiting in ac_block_on meanwhile. */
    pthread_t th;
    CHECK_EQ(pthread_create(&th, NULL, slow_caller, NULL), 0);
    usleep(20000);
    fork_and_check(100);
    pthread_join(th, NULL);
    ac_runtime_shutdown();
}

int main(void)
{
    if (test_under_tsan()) /* no threads after a multi-threaded fork() */
        return TEST_SKIP;
    rounds();
    test_current_thread();
    rounds();
    printf("fork_block_on: ok\n");
    return 0;
}
