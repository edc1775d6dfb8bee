/* tests/integration/sanitizers/threads.c: a program ThreadSanitizer must find clean: plain threads each
 * run a task with ac_block_on at the same time, the tasks spawn more and share a mutex, a channel
 * and a counter guarded by the mutex. Linked with the plain runtime, whose atomics TSan cannot
 * see, every handover of a task between threads was reported as a race (13 reports). */
#include <asyncc.h>
#include <pthread.h>
#include <stdio.h>

static ac_mutex *mu;
static ac_mpsc *done;
static long total;

async long add(long n)
{
    long s = 0;
    for (long i = 0; i < n; i++) {
        await(ac_mutex_lock(mu));
        total++;
        ac_mutex_unlock(mu);
        if (i % 16 == 0)
            await(ac_yield());
        s += i;
    }
    return s;
}

async long work(long n)
{
    ac_task *t = ac_spawn(add(n));
    long mine = await(add(n)), theirs = 0;
    await(ac_task_join(t, &theirs));
    long sum = mine + theirs;
    await(ac_mpsc_send(done, &sum));
    return sum;
}

static void *thread_main(void *arg)
{
    long r = ac_block_on(work((long)arg));
    return (void *)r;
}

int main(void)
{
    mu = ac_mutex_new();
    done = ac_mpsc_unbounded_new(sizeof(long));
    pthread_t t[4];
    for (long i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, thread_main, (void *)(200 + i));
    long joined = 0, sent = 0, v;
    for (int i = 0; i < 4; i++) {
        void *r;
        pthread_join(t[i], &r);
        joined += (long)r;
    }
    while (ac_mpsc_try_recv(done, &v) == 0)
        sent += v;
    printf("joined %ld sent %ld total %ld\n", joined, sent, total);
    ac_mpsc_sender_close(done);
    ac_mpsc_receiver_close(done);
    ac_mutex_free(mu);
    return 0;
}
