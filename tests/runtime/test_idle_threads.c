/* tests/runtime/test_idle_threads.c (async C): an idle program's runtime wakes nobody. With every
 * worker parked (here for 1.5 s, the only task asleep on a timer), the monitor stops its rounds
 * until a worker unparks: before, it woke 100 times a second for as long as the program idled
 * (a server waiting for clients). It still takes over a worker that blocks after such a sleep:
 * a task queued behind a blocking one runs long before the block ends. The runtime's threads are
 * named (asyncc-w0, asyncc-w1, asyncc-monitor: top -H, gdb's info threads). */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdlib.h>
#include <unistd.h>

#include "test.h"

__attribute__((constructor)) static void two_workers(void)
{
    setenv("ASYNCC_WORKERS", "2", 1);
}

/* The voluntary context switches (sleeps) of this process's threads whose name starts with
 * prefix, and how many such threads there are. */
static long sleeps_of(const char *prefix, int *threads)
{
    long total = 0;
    *threads = 0;
    DIR *d = opendir("/proc/self/task");
    if (!d)
        return -1;
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.')
            continue;
        char path[300], name[32] = "", line[256];
        snprintf(path, sizeof path, "/proc/self/task/%s/comm", e->d_name);
        FILE *f = fopen(path, "r");
        if (!f)
            continue;
        if (!fgets(name, sizeof name, f))
            name[0] = '\0';
        fclose(f);
        if (strncmp(name, prefix, strlen(prefix)) != 0)
            continue;
        ++*threads;
        snprintf(path, sizeof path, "/proc/self/task/%s/status", e->d_name);
        if (!(f = fopen(path, "r")))
            continue;
        while (fgets(line, sizeof line, f))
            if (strncmp(line, "voluntary_ctxt_switches:", 24) == 0)
                total += strtol(line + 24, NULL, 10);
        fclose(f);
    }
    closedir(d);
    return total;
}

static atomic_int ran;

static async void queued(void)
{
    atomic_store(&ran, 1);
}

static async void blocker(void)
{
    ac_task *t = ac_spawn(queued()); /* on this worker's queue, behind this poll */
    ac_task_detach(t);
    usleep(1000 * 1000);
}

async int main(void)
{
    int n;
    await(ac_sleep_ms(300)); /* the monitor's rounds find every worker parked and stop */
    CHECK_INT(==, (sleeps_of("asyncc-monitor", &n), n), 1);
    CHECK_INT(==, (sleeps_of("asyncc-w0", &n), n), 1);
    CHECK_INT(==, (sleeps_of("asyncc-w1", &n), n), 1);
    long before = sleeps_of("asyncc-", &n);
    await(ac_sleep_ms(1500));
    long slept = sleeps_of("asyncc-", &n) - before;
    fprintf(stderr, "idle_threads: the runtime's %d threads slept %ld times in 1.5 s idle\n", n, slept);
    /* A wake for the timer, and the monitor's rounds it starts again: 10-11 here, 30 under
     * valgrind on a loaded machine (whose threads take turns); a monitor that never stops its
     * rounds makes 150. */
    CHECK_INT(<, slept, 75);

    unsigned long long t0 = ac_now_ns();
    ac_task *b = ac_spawn(blocker());
    while (!atomic_load(&ran) && ac_now_ns() - t0 < 5000000000ull)
        await(ac_sleep_ms(1));
    unsigned long long took_ms = (ac_now_ns() - t0) / 1000000;
    fprintf(stderr, "idle_threads: the task queued behind a blocked worker ran after %llu ms\n", took_ms);
    CHECK(atomic_load(&ran));
    CHECK_INT(<, took_ms, 800); /* the block lasts 1000 ms; taken over within a few */
    await(ac_task_join(b, NULL));
    return 0;
}
