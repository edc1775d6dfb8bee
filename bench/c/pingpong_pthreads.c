/* bench/c/pingpong_pthreads.c: channel ping-pong between two threads with a mutex and two
 * condition variables (a one-slot channel each way), for scale.  usage: pingpong_pthreads [N] */
#include <pthread.h>

#include "common.h"

struct slot {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    int full;
    long value;
};

static struct slot ping = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0};
static struct slot pong = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0};

static void put(struct slot *s, long v)
{
    pthread_mutex_lock(&s->lock);
    while (s->full)
        pthread_cond_wait(&s->cond, &s->lock);
    s->value = v;
    s->full = 1;
    pthread_cond_signal(&s->cond);
    pthread_mutex_unlock(&s->lock);
}

static long take(struct slot *s)
{
    pthread_mutex_lock(&s->lock);
    while (!s->full)
        pthread_cond_wait(&s->cond, &s->lock);
    long v = s->value;
    s->full = 0;
    pthread_cond_signal(&s->cond);
    pthread_mutex_unlock(&s->lock);
    return v;
}

static void *echo(void *arg)
{
    (void)arg;
    for (;;) {
        long v = take(&ping);
        if (v < 0)
            return NULL;
        put(&pong, v);
    }
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 1000000;
    pthread_t t;
    pthread_create(&t, NULL, echo, NULL);
    long sum = 0;
    uint64_t t0 = bench_now_ns();
    for (long i = 0; i < n; i++) {
        put(&ping, i);
        sum += take(&pong);
    }
    uint64_t dt = bench_now_ns() - t0;
    put(&ping, -1);
    pthread_join(t, NULL);
    printf("RESULT ns_per_roundtrip=%.1f sum=%ld n=%ld\n", (double)dt / n, sum, n);
    return 0;
}
