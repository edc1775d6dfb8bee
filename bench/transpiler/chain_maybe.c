/* bench/transpiler/chain_maybe.c: chain.c with a leaf that could suspend but never does (it
 * yields only for x == -1, which never comes). f1 cannot be proven never to suspend, so neither
 * can any function of the chain: every await runs the state machines, each frame embedded in its
 * caller's (chain.c's functions never suspend, and asyncc turns that chain into plain calls).
 * Built by bench/run as chain.c is, and as plain C with -DCHAIN_PLAIN (ac_yield does nothing).
 * usage: chain_maybe [ITERATIONS=10000000] */
#include <asyncc.h>

#include "common.h"

#ifdef CHAIN_PLAIN
void ac_yield(void)
{
}
#endif

async long f1(long x)
{
    if (x == -1)
        await(ac_yield());
    return x ^ 0x5bd1e995;
}

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
