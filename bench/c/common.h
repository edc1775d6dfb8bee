/* bench/c/common.h: what the C and async C benchmarks share: a monotonic clock, the process's
 * memory figures from /proc, and the timer workload's delays (the same generator as Go and Tokio). */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static inline uint64_t bench_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* A field of /proc/self/status in kB ("VmRSS:", "VmHWM:"), or 0. */
static inline long bench_status_kb(const char *field)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long v = 0;
    size_t n = strlen(field);
    if (!f)
        return 0;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, field, n) == 0) {
            v = strtol(line + n, NULL, 10);
            break;
        }
    fclose(f);
    return v;
}

/* xorshift64*, seeded as in bench/go and bench/tokio: delays in 0..max_ms. */
static inline void bench_delays(unsigned long *d, size_t n, unsigned long max_ms)
{
    uint64_t x = 0x9E3779B97F4A7C15ull;
    for (size_t i = 0; i < n; i++) {
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        d[i] = (unsigned long)(((x * 0x2545F4914F6CDD1Dull) >> 33) % (max_ms + 1));
    }
}

#endif
