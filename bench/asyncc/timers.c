/* bench/asyncc/timers.c: N tasks each sleeping a pseudo-random 0..MAX ms (the same delays as the
 * Go and Tokio peers). Each records its deadline (when it started sleeping + its delay) and when
 * it woke; the figure is how long after the last deadline the last task woke.
 * usage: timers [N=100000] [MAX=100] */
#include <asyncc.h>

#include "common.h"

struct rec {
    uint64_t deadline, end;
};

async void timer_task(unsigned long ms, struct rec *r)
{
    uint64_t start = bench_now_ns();
    await(ac_sleep_ms(ms));
    r->end = bench_now_ns();
    r->deadline = start + (uint64_t)ms * 1000000u;
}

async int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 100000;
    unsigned long max_ms = argc > 2 ? strtoul(argv[2], NULL, 10) : 100;
    unsigned long *delays = malloc((size_t)n * sizeof *delays);
    struct rec *recs = calloc((size_t)n, sizeof *recs);
    ac_task **tasks = malloc((size_t)n * sizeof *tasks);
    bench_delays(delays, (size_t)n, max_ms);
    uint64_t t0 = bench_now_ns();
    for (int i = 0; i < n; i++)
        tasks[i] = ac_spawn(timer_task(delays[i], &recs[i]));
    for (int i = 0; i < n; i++)
        await(ac_task_join(tasks[i], NULL));
    uint64_t last_deadline = t0, last_end = t0, worst = 0;
    for (int i = 0; i < n; i++) {
        if (recs[i].deadline > last_deadline)
            last_deadline = recs[i].deadline;
        if (recs[i].end > last_end)
            last_end = recs[i].end;
        if (recs[i].end > recs[i].deadline && recs[i].end - recs[i].deadline > worst)
            worst = recs[i].end - recs[i].deadline;
    }
    double late = last_end > last_deadline ? (double)(last_end - last_deadline) / 1e6 : 0;
    printf("RESULT late_ms=%.3f worst_timer_late_ms=%.3f total_ms=%.1f\n", late, worst / 1e6,
           (double)(last_end - t0) / 1e6);
    free(delays);
    free(recs);
    free(tasks);
    return 0;
}
