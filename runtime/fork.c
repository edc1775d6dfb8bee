/* runtime/fork.c: what fork() leaves the child process: the same runtime with every task, on
 * backends and threads of its own; what the kernel was doing for the parent stays the parent's. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fork.h"
#include "worker.h"

uint16_t ac__fork_epoch;

/* Every backend the child inherits is the parent's: a ring's queues are memory both share, an
 * epoll set and its eventfd are the same kernel objects. Leave them without a call the parent
 * would see (unmap and close), and make new ones; epoll when the kernel refuses the child a
 * ring. Ops submitted before the fork never complete here: their epoch tells a drop that
 * nothing is in flight (io_op.c). */
static void renew_backends(struct ac__runtime *rt)
{
    for (unsigned i = 0; i < rt->nworkers; i++)
        rt->workers[i].be->destroy(&rt->workers[i]);
    const struct ac__backend_ops *be = rt->backend;
    char why[256];
    for (unsigned i = 0; i < rt->nworkers; i++) {
        struct ac__worker *w = &rt->workers[i];
        w->be = be;
        if (be->init(w, rt->config.ring_entries, why, sizeof why) == 0)
            continue;
        if (be == &ac__backend_epoll)
            ac__panic("fork(): the child cannot start its epoll backend: %s", why);
        while (i--)
            be->destroy(&rt->workers[i]);
        fprintf(stderr, "asyncc: fork(): the child uses the epoll backend: %s\n", why);
        rt->backend = be = &ac__backend_epoll;
        i = (unsigned)-1;
    }
}

/* The worker's state but its queue, wheel and next task: no thread is left to hold a lock,
 * park, search or be stuck in a poll. */
static void reset_worker(struct ac__worker *w)
{
    ac__spin_init(&w->io_lock);
    ac__spin_init(&w->wheel_lock);
    ac__spin_init(&w->remote.lock);
    atomic_store(&w->asleep, 0);
    atomic_store(&w->stuck, 0);
    atomic_store(&w->cancels, NULL); /* their requesters were the parent's threads */
    atomic_store(&w->backlog_since, 0);
    atomic_store(&w->watch_seq, 0);
    w->searching = false;
    w->in_driver = false;
    w->flush_since = 0;
}

static void child(void)
{
    ac__fork_epoch++;
    ac__runtime_after_fork();
    ac__pool_after_fork();
    ac__signal_after_fork();
    ac__alloc_after_fork();
    ac__task_after_fork();
    ac__cancel_token_after_fork();
    ac__keep_after_fork();
    ac__debug_copies_after_fork();
    struct ac__runtime *rt = atomic_load(&ac__rt);
    if (!rt)
        return;
    struct ac__worker *me = ac__current;
    ac__spin_init(&rt->inject.lock);
    atomic_store(&rt->nsearching, 0);
    atomic_store(&rt->nparked, 0);
    rt->have_monitor = false;
    free(rt->monitor_state); /* the parent's monitor's, which is not here */
    rt->monitor_state = NULL;
    pthread_mutex_init(&rt->monitor_lock, NULL);
    pthread_mutex_init(&rt->block_lock, NULL);
    pthread_mutex_init(&rt->outside_lock, NULL);
    /* The threads waiting in ac__block_on are gone: when the task one waited for completes,
     * this process exits as its main would (runtime.c). */
    rt->blockers_gone |= rt->nblocking > 0;
    rt->nblocking = 0;
    for (unsigned i = 0; i < rt->nworkers; i++)
        reset_worker(&rt->workers[i]);
    renew_backends(rt);
    if (atomic_load(&rt->stopping) || rt->config.current_thread)
        return;
    /* The fork()ing thread goes on as its worker: start the others' threads again. */
    atomic_store(&rt->active_workers, rt->nworkers);
    for (unsigned i = 0; i < rt->nworkers; i++) {
        struct ac__worker *w = &rt->workers[i];
        if (w != me && ac__worker_thread_start(w) != 0)
            ac__panic("fork(): the child cannot start worker thread %u", i);
    }
    ac__monitor_start(rt);
}

static void install(void)
{
    pthread_atfork(NULL, NULL, child);
}

void ac__fork_install(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, install);
}
