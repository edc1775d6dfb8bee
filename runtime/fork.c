/* runtime/fork.c: what fork() leaves the child process: the same runtime with every task in it,
 * on backends and threads of its own, made when the child first needs them (a child that only
 * execs pays nothing); what the kernel was doing for the parent stays the parent's. The prepare
 * handler (nofork.c) sees that no other thread was halfway through moving a task. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "fork.h"
#include "worker.h"

uint16_t ac__fork_epoch;

/* The child's runtime is dormant until renew() (once). */
static _Atomic bool dormant_runtime;

static void renew(void);

/* The backend of every worker while the runtime is dormant: nothing is in flight there and no
 * thread sleeps there. The first submit, reap or wait (the fork()ing worker's first between two
 * polls) makes the real backends. */
static bool dormant_submit(struct ac__worker *w, struct ac__op *op)
{
    renew();
    return w->be->submit(w, op);
}

static void dormant_wait(struct ac__worker *w, uint64_t deadline)
{
    renew();
    w->be->wait(w, deadline);
}

static void dormant_none(struct ac__worker *w)
{
    (void)w;
}

static void dormant_cancel(struct ac__worker *w, struct ac__op *op)
{
    (void)w;
    (void)op;
}

static unsigned dormant_reap(struct ac__worker *w, unsigned max)
{
    renew();
    return w->be->reap(w, max);
}

static unsigned dormant_count(struct ac__worker *w)
{
    (void)w;
    return 0;
}

static const struct ac__backend_ops dormant = {
    .name = "dormant",
    .destroy = dormant_none,
    .submit = dormant_submit,
    .cancel = dormant_cancel,
    .flush = dormant_none,
    .wait = dormant_wait,
    .reap = dormant_reap,
    .wake = dormant_none,
    .inflight = dormant_count,
    .ready = dormant_count,
};

/* Leaves every worker's inherited backend without a call the parent would see (unmap and
 * close), and makes a new one: rt->backend's, or epoll when the kernel refuses the child a
 * ring. The inherited one is the parent's: a ring's queues are memory both share, an epoll set
 * and its eventfd are the same kernel objects (until this, the child leaves them alone, and its
 * exec closes them). */
static void renew_backends(struct ac__runtime *rt)
{
    const struct ac__backend_ops *be = rt->backend;
    for (unsigned i = 0; i < rt->nworkers; i++)
        be->destroy(&rt->workers[i]);
    char why[256], epoll_why[256];
    if (ac__backends_start(rt, be, why, sizeof why) == 0)
        return;
    if (be == &ac__backend_epoll)
        ac__panic("fork(): the child cannot start its epoll backend: %s", why);
    if (ac__backends_start(rt, &ac__backend_epoll, epoll_why, sizeof epoll_why) < 0)
        ac__panic("fork(): the child cannot start a backend: io_uring: %s; epoll: %s", why, epoll_why);
    fprintf(stderr, "asyncc: fork(): the child uses the epoll backend: %s\n", why);
}

/* Backends, the signal dispatcher and the threads: what the child's runtime needs to run. */
static void renew(void)
{
    if (!atomic_exchange(&dormant_runtime, false))
        return;
    struct ac__runtime *rt = atomic_load(&ac__rt);
    renew_backends(rt);
    ac__signal_renew();
    if (atomic_load(&rt->stopping) || rt->config.current_thread)
        return;
    /* The fork()ing thread, when it is a worker, goes on as one: start the others. */
    atomic_store(&rt->active_workers, rt->nworkers);
    for (unsigned i = 0; i < rt->nworkers; i++) {
        struct ac__worker *w = &rt->workers[i];
        if (w != ac__current && ac__worker_thread_start(w) != 0)
            ac__panic("fork(): the child cannot start worker thread %u", i);
    }
    ac__monitor_start(rt);
}

/* The worker's state but its queue, wheel and next task: no thread is left to hold a lock,
 * park, search or be stuck in a poll, and its backend is dormant. Ops submitted before the fork
 * never complete here: their epoch tells a drop that nothing is in flight (io_op.c). */
static void reset_worker(struct ac__worker *w)
{
    ac__spin_init(&w->io_lock);
    ac__spin_init(&w->wheel_lock);
    ac__spin_init(&w->remote.lock);
    atomic_store(&w->asleep, 0);
    atomic_store(&w->stuck, 0);
    atomic_store(&w->cancels, NULL); /* their requesters were the parent's threads */
    atomic_store(&w->backlog_since, 0);
    atomic_store(&w->watch_seq, 1); /* odd: no poll running */
    w->searching = false;
    w->in_driver = false;
    w->flush_since = 0;
    w->be = &dormant;
}

/* The threads waiting in ac__block_on are gone: when the task one waited for completes, this
 * process exits as its main would (runtime.c), while the child's own calls return. Their
 * nodes are on their stacks, which the child's new threads reuse: the tasks are copied out. */
static void orphan_blocked(struct ac__runtime *rt)
{
    size_t n = rt->norphans;
    for (struct ac__blocked *b = rt->blocked; b; b = b->next)
        n++;
    if (n == rt->norphans)
        return;
    ac_task **all = realloc(rt->orphans, n * sizeof *all);
    if (!all)
        ac__panic("fork(): out of memory noting the tasks the parent's ac_block_on calls waited for");
    for (struct ac__blocked *b = rt->blocked; b; b = b->next)
        all[rt->norphans++] = b->task;
    rt->orphans = all;
    rt->blocked = NULL;
}

static void in_fork_child(void)
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
    ac__gate_after_fork();
    ac__abort_after_fork();
    struct ac__runtime *rt = atomic_load(&ac__rt);
    ac__nofork_child(rt);
    if (!rt)
        return;
    ac__spin_init(&rt->inject.lock);
    atomic_store(&rt->nsearching, 0);
    atomic_store(&rt->nparked, 0);
    atomic_store(&rt->monitor_idle, 0);
    rt->have_monitor = false;
    free(rt->monitor_state); /* the parent's monitor's, which is not here */
    rt->monitor_state = NULL;
    /* New conditions too: one the parent's threads waited on counts them, and a broadcast
     * here would wait for them to wake, for ever. */
    ac__runtime_locks_init(rt);
    pthread_mutex_init(&rt->outside_lock, NULL);
    orphan_blocked(rt);
    /* A current-thread runtime's worker is run here only by the thread that forked inside it. */
    rt->worker_taken = ac__current != NULL;
    for (unsigned i = 0; i < rt->nworkers; i++)
        reset_worker(&rt->workers[i]);
    /* The workers running here: the fork()ing thread when it is one (renew starts the others).
     * A worker that stops waits for this count to fall to 0, which the parent's would never do. */
    atomic_store(&rt->active_workers, ac__current && ac__current->is_thread ? 1 : 0);
    atomic_store(&dormant_runtime, true);
    /* Forked outside the workers: nothing would wake the runtime on first use. */
    if (!ac__current)
        renew();
}

static void install(void)
{
    ac__nofork_init();
    pthread_atfork(ac__nofork_prepare, ac__nofork_parent, in_fork_child);
}

void ac__fork_install(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, install);
}
