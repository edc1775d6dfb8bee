/* bench/asyncc/spawn.c: spawn N tiny tasks from a task, then join them in order.
 * usage: spawn [N=1000000] */
#include <asyncc.h>

#include "common.h"

async int tiny(int x)
{
    return x + 1;
}

async int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 1000000;
    ac_task **tasks = malloc((size_t)n * sizeof *tasks);
    memset(tasks, 0, (size_t)n * sizeof *tasks);
    uint64_t t0 = bench_now_ns();
    for (int i = 0; i < n; i++)
        tasks[i] = ac_spawn(tiny(i));
    long sum = 0;
    for (int i = 0; i < n; i++) {
        int r;
        await(ac_task_join(tasks[i], &r));
        sum += r;
    }
    uint64_t dt = bench_now_ns() - t0;
    printf("RESULT ns_per_task=%.1f sum=%ld n=%d\n", (double)dt / n, sum, n);
    free(tasks);
    return 0;
}
