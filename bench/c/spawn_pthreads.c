/* bench/c/spawn_pthreads.c: the spawn workload with plain threads, for scale: create N threads
 * running a tiny function and join them, in batches of 1000 (the machine cannot hold 1M threads).
 * usage: spawn_pthreads [N=20000] */
#include <pthread.h>

#include "common.h"

static void *tiny(void *arg)
{
    return (void *)((intptr_t)arg + 1);
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 20000;
    enum { BATCH = 1000 };
    pthread_t t[BATCH];
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 64 * 1024);
    long sum = 0;
    uint64_t t0 = bench_now_ns();
    for (int base = 0; base < n; base += BATCH) {
        int m = n - base < BATCH ? n - base : BATCH;
        for (int i = 0; i < m; i++)
            if (pthread_create(&t[i], &attr, tiny, (void *)(intptr_t)(base + i))) {
                perror("pthread_create");
                return 1;
            }
        for (int i = 0; i < m; i++) {
            void *r;
            pthread_join(t[i], &r);
            sum += (intptr_t)r;
        }
    }
    uint64_t dt = bench_now_ns() - t0;
    printf("RESULT ns_per_task=%.1f sum=%ld n=%d\n", (double)dt / n, sum, n);
    return 0;
}
