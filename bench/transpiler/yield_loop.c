/* bench/transpiler/yield_loop.c: awaits the runtime's ac_yield N times, for the allocations of an
 * await of a future defined in another file (the runtime): its frame comes from the task's arena.
 * usage: yield_loop [N=1000000] */
#include <asyncc.h>

#include "common.h"

async int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 1000000;
    uint64_t t0 = bench_now_ns();
    for (long i = 0; i < n; i++)
        await(ac_yield());
    uint64_t dt = bench_now_ns() - t0;
    printf("RESULT ns_per_yield=%.1f n=%ld\n", n ? (double)dt / n : 0.0, n);
    return 0;
}
