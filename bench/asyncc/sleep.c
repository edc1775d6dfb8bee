/* bench/asyncc/sleep.c: N tasks each sleeping MS milliseconds; the growth of the resident set
 * from just before the first spawn to its peak, per task, beside what one task needs on paper
 * (the task's allocation: header + root frame, in which the ac_sleep_ms frame is embedded).
 * usage: sleep [N=1000000] [MS=2000] */
#include <asyncc.h>

#include "common.h"

/* Emitted by asyncc for sleeper below, and by the runtime for ac_sleep_ms: their frames' sizes
 * (sleeper's frame is the task's root frame; ac_sleep_ms's, defined in another file, comes from
 * the task's arena). */
extern const ac_future_type ac__type_sleeper, ac__type_ac_sleep_ms;

async void sleeper(unsigned long ms)
{
    await(ac_sleep_ms(ms));
}

async int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 1000000;
    unsigned long ms = argc > 2 ? strtoul(argv[2], NULL, 10) : 2000;
    /* The handles' array is made and touched before the baseline, as in the other peers. */
    ac_task **tasks = malloc((size_t)n * sizeof *tasks);
    memset(tasks, 0, (size_t)n * sizeof *tasks);
    long base = bench_status_kb("VmRSS:");
    uint64_t t0 = bench_now_ns();
    for (int i = 0; i < n; i++)
        tasks[i] = ac_spawn(sleeper(ms));
    uint64_t spawned = bench_now_ns() - t0;
    long mid = bench_status_kb("VmRSS:");
    for (int i = 0; i < n; i++)
        await(ac_task_join(tasks[i], NULL));
    long peak = bench_status_kb("VmHWM:");
    printf("RESULT bytes_per_task=%.1f frame=%zu sleep_frame=%zu base_kb=%ld spawned_kb=%ld "
           "peak_kb=%ld spawn_s=%.3f total_s=%.3f\n",
           (double)(peak - base) * 1024 / n, ac__type_sleeper.frame_size,
           ac__type_ac_sleep_ms.frame_size, base, mid, peak,
           spawned / 1e9, (bench_now_ns() - t0) / 1e9);
    free(tasks);
    return 0;
}
