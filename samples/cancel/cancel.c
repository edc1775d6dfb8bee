/* cancel.c: cancellation at an await, and cleanup that still runs. A timeout and a select cancel
 * futures that hold a connection and a counter; __attribute__((cleanup)) releases both. */
#include <asyncc.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <unistd.h>

/* Requests in flight, like the seeds' task_counter: what a load balancer or a shutdown reads.
 * (Plain helpers: asyncc expands the macros inside async functions with clang's headers, and
 * clang's <stdatomic.h> macros are builtins gcc does not have.) */
static atomic_int in_flight;

static void count(int delta)
{
    atomic_fetch_add(&in_flight, delta);
}

static int counted(void)
{
    return atomic_load(&in_flight);
}

/* Open file descriptors of this process: a leaked connection shows up here. */
static int open_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    int n = 0;
    if (!d)
        return -1;
    while (readdir(d))
        n++;
    closedir(d);
    return n;
}

/* ---- The pitfall: the decrement after the await never runs when the future is cancelled. */

async int fetch_naive(int ms)
{
    count(1);
    await(ac_sleep_ms((unsigned long)ms)); /* cancelled here: nothing below runs */
    count(-1);
    return 0;
}

/* ---- The fix: cleanups on locals run when the scope ends *and* when the future is dropped. */

static void leave(int *token)
{
    (void)token;
    count(-1);
}

/* A connection to a mirror: here a real file descriptor, so that a leak is visible. */
struct conn {
    const char *mirror;
    int fd;
};

static void hang_up(struct conn *c)
{
    printf("  %s: connection closed\n", c->mirror);
    if (c->fd >= 0)
        close(c->fd);
}

/* A request to a mirror: holds a connection (a real file descriptor) for ms milliseconds. */
async int fetch(const char *mirror, int ms)
{
    count(1);
    int guard __attribute__((cleanup(leave))) = 0;
    struct conn conn __attribute__((cleanup(hang_up))) = {mirror, open("/dev/null", O_RDONLY)};
    printf("  %s: connected\n", mirror);
    await(ac_sleep_ms((unsigned long)ms));
    printf("  %s: answered after %d ms\n", mirror, ms);
    (void)guard;
    return conn.fd >= 0 ? ms : -1;
}

async int main(void)
{
    printf("1. timeout around the naive request\n");
    int rc = await(ac_timeout(50, fetch_naive(5000)));
    printf("  timeout: %d, in flight: %d (leaked: the decrement never ran)\n", rc, counted());
    count(-counted());
    /* Counted from here, after an await of the runtime: the sequential build (asyncc-cc
     * --sequential) starts the runtime, and its descriptors, at its first such call. */
    int fds = open_fds();

    printf("2. timeout around a request with cleanups\n");
    rc = await(ac_timeout(50, fetch("slow mirror", 5000)));
    printf("  timeout: %d, in flight: %d, open fds: %+d\n", rc, counted(), open_fds() - fds);

    printf("3. select: the first mirror to answer wins, the other is cancelled\n");
    int took = -1;
    int winner = await(ac_select(took = fetch("mirror A", 3000), took = fetch("mirror B", 30)));
    printf("  winner: mirror %c after %d ms, in flight: %d, open fds: %+d\n", "AB"[winner], took,
           counted(), open_fds() - fds);

    printf("4. the same request in time: cleanups run on the normal path too\n");
    rc = await(ac_timeout(2000, took = fetch("fast mirror", 10)));
    printf("  timeout: %d, took %d ms, in flight: %d, open fds: %+d\n", rc, took, counted(),
           open_fds() - fds);
    return counted() == 0 && open_fds() == fds ? 0 : 1;
}
