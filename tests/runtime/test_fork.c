/* tests/runtime/test_fork.c (async C): fork() from a task: the child is a copy of the whole
 * program on backends and threads of its own. Both processes then do I/O at once (a ping-pong
 * over two pipes) without mixing completions (a ring shared with the parent would), a read in
 * flight at the fork is dropped by its timeout in both, the blocking pool, timers, spawn and
 * signal listeners work in the child (a signal it sends itself wakes its listener, never the
 * parent's), a grandchild works too, and when async main returns in the child the child exits
 * with its status, though the thread that waited for main is the parent's alone: also a child
 * whose main returns before its runtime ever woke (it hung, waiting for the parent's other
 * workers to stop: flex made async, whose filters are forked children that only compute). */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

#define ROUNDS 200

TEST_NO_LEAK_CHECK_AFTER_FORK()

static int to_child[2], to_parent[2], never[2];

/* A read that nothing will answer, in flight when fork() runs: its timeout drops it. */
static async int read_in_flight(void)
{
    char b;
    long n = 0;
    int to = await(ac_timeout(300, n = ac_read(never[0], &b, 1)));
    return to == -ETIMEDOUT && n == 0;
}

static long add_one(void *arg)
{
    return (long)arg + 1;
}

static async int add_later(int x)
{
    await(ac_sleep_ms(2));
    return x + 1;
}

/* Reads one int from fd: the whole of it, or 0 at end of file. */
static async int read_int(int fd, int *v)
{
    long n = await(ac_read_exact(fd, v, sizeof *v));
    return n == (long)sizeof *v;
}

static async int child_side(ac_signal_listener *l)
{
    /* The pool and timers, fresh here. */
    CHECK_EQ(await(ac_spawn_blocking(add_one, (void *)41)), 42);
    ac_task *t = ac_spawn(add_later(1));
    int two = 0;
    await(ac_task_join(t, &two));
    CHECK_EQ(two, 2);
    /* A signal sent here wakes the child's listener. */
    CHECK_EQ(kill(getpid(), SIGUSR1), 0);
    CHECK_EQ(await(ac_timeout(5000, ac_signal_recv(l))), 0);
    /* The ping-pong: each number back, plus one. */
    for (int i = 0; i < ROUNDS; i++) {
        int v;
        CHECK(await(read_int(to_child[0], &v)));
        CHECK_EQ(v, i);
        v++;
        CHECK_EQ(await(ac_write_all(to_parent[1], &v, sizeof v)), (long)sizeof v);
    }
    /* A grandchild: fork from the child, whose epoch is already not the first. */
    pid_t g = fork();
    CHECK(g >= 0);
    if (g == 0) {
        CHECK_EQ(await(add_later(8)), 9);
        return 9;
    }
    int st = 0;
    CHECK_EQ(waitpid(g, &st, 0), g);
    CHECK(WIFEXITED(st));
    CHECK_EQ(WEXITSTATUS(st), 9);
    return 7;
}

static async int parent_side(pid_t pid, ac_signal_listener *l)
{
    for (int i = 0; i < ROUNDS; i++) {
        CHECK_EQ(await(ac_write_all(to_child[1], &i, sizeof i)), (long)sizeof i);
        int v;
        CHECK(await(read_int(to_parent[0], &v)));
        CHECK_EQ(v, i + 1);
    }
    int st = 0;
    for (int i = 0; i < 5000 && waitpid(pid, &st, WNOHANG) == 0; i++)
        await(ac_sleep_ms(2));
    CHECK(WIFEXITED(st));
    CHECK_EQ(WEXITSTATUS(st), 7);
    /* The child's SIGUSR1 was its own. */
    CHECK_EQ(await(ac_timeout(50, ac_signal_recv(l))), -ETIMEDOUT);
    return 0;
}

async int main(void)
{
    if (test_under_tsan()) /* no threads after a multi-threaded fork() */
        return 77;
    /* A child that returns at once, its runtime dormant. */
    fflush(stdout);
    pid_t quick = fork();
    CHECK(quick >= 0);
    if (quick == 0)
        return 5;
    int status;
    CHECK_EQ(waitpid(quick, &status, 0), quick);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 5);
    CHECK_EQ(pipe(to_child), 0);
    CHECK_EQ(pipe(to_parent), 0);
    CHECK_EQ(pipe(never), 0);
    ac_signal_listener l;
    CHECK_EQ(ac_signal_listen(&l, SIGUSR1), 0);
    /* The runtime at work before the fork: a pool thread, a timer, a read in flight. */
    CHECK_EQ(await(ac_spawn_blocking(add_one, (void *)1)), 2);
    ac_task *pending = ac_spawn(read_in_flight());
    await(ac_sleep_ms(20));
    fflush(stdout);
    pid_t pid = fork();
    CHECK(pid >= 0);
    int timed_out = 0;
    await(ac_task_join(pending, &timed_out));
    CHECK_EQ(timed_out, 1);
    if (pid == 0)
        return await(child_side(&l));
    CHECK_EQ(await(parent_side(pid, &l)), 0);
    printf("fork: ok\n");
    return 0;
}
