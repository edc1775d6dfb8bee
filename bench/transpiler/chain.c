/* bench/transpiler/chain.c: an await chain of depth 10 on immediately-ready async functions:
 * main awaits f10, f10 awaits f9, ... f2 awaits f1, which returns at once (10 awaits per call).
 * Built twice by bench/run: transpiled by asyncc, and as plain C (no transpiler: `async`
 * vanishes and await(e) is e), which is the same call chain as ordinary functions.
 * usage: chain [ITERATIONS=10000000] */
#include <asyncc.h>

#include "common.h"

async long f1(long x) { return x ^ 0x5bd1e995; }
async long f2(long x) { return await(f1(x + 2)) >> 1; }
async long f3(long x) { return await(f2(x + 3)) >> 1; }
async long f4(long x) { return await(f3(x + 4)) >> 1; }
async long f5(long x) { return await(f4(x + 5)) >> 1; }
async long f6(long x) { return await(f5(x + 6)) >> 1; }
async long f7(long x) { return await(f6(x + 7)) >> 1; }
async long f8(long x) { return await(f7(x + 8)) >> 1; }
async long f9(long x) { return await(f8(x + 9)) >> 1; }
async long f10(long x) { return await(f9(x + 10)) >> 1; }

async int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 10000000;
    long sum = 0;
    uint64_t t0 = bench_now_ns();
    for (long i = 0; i < n; i++)
        sum += await(f10(i));
    uint64_t dt = bench_now_ns() - t0;
    printf("RESULT ns_per_chain=%.2f sum=%ld n=%ld\n", (double)dt / n, sum, n);
    return 0;
}
