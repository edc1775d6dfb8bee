// The attributes of an async function that shape its body's code follow the body into
// ac__run_f: with `target("avx2")` dropped, the AVX2 intrinsics below (always_inline for that
// target only) failed to compile; `no_sanitize("address")`, `optimize`, `hot`/`cold` and the
// like were lost without a word (gcc.dg's signbit-6, whose `optimize("O0")` function computed
// what -O1 does). Attributes on the prototype and after the declarator count as on the
// definition, as they do in C; attributes about parameters (`nonnull`) stay off the body, whose
// parameters are not the function's, and `noinline` goes to ac__run_f alone (run/noinline_callers.c).
// The CODE lines start at a line's start: the output keeps this file's comments, CODE lines too.
// RUN: %run %s %t | %FileCheck %s
// RUN: %asyncc %s -o %t.c
// RUN: %FileCheck --check-prefix=CODE %s < %t.c
#include <asyncc.h>
#include <immintrin.h>
#include <stdio.h>

__attribute__((target("avx2"))) async static int sum_avx2(const int *v);

async static int sum_avx2(const int *v) __attribute__((cold));

async static int sum_avx2(const int *v)
{
    __m256i a = _mm256_loadu_si256((const __m256i *)v);
    await(ac_yield());
    __m256i b = _mm256_add_epi32(a, _mm256_set1_epi32(1));
    int out[8];
    _mm256_storeu_si256((__m256i *)out, b);
    return out[0] + out[7];
}
// CODE: {{^(AC__RUN_BEGIN )?}}__attribute__((target("avx2"), cold)) static {{.*}}int ac__run_sum_avx2(

__attribute__((nonnull(1), __no_sanitize__("address"), noinline)) async static int first(const char *p)
{
    await(ac_yield());
    return p[0];
}
// CODE: {{^(AC__RUN_BEGIN )?}}__attribute__((__no_sanitize__("address"))) __attribute__((noinline)) static int ac__run_first(

async int main(void)
{
    int v[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    int s = (v[0] + 1) + (v[7] + 1); /* what sum_avx2 computes, where the CPU has no AVX2 */
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2"))
        s = await(sum_avx2(v));
    // CHECK: 11 97
    printf("%d %d\n", s, await(first("a")));
    return 0;
}
