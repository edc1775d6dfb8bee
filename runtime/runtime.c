/* runtime/runtime.c: the process's runtime: configuration, start (the backend's choice, workers),
 * ac__block_on and ac__main, shutdown (dropping unfinished tasks, draining I/O), counters. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "asyncc/task.h"
#include "fork.h"
#include "task_state.h"
#include "worker.h"

struct ac__runtime *_Atomic ac__rt;

static pthread_mutex_t rt_lock = PTHREAD_MUTEX_INITIALIZER;
static ac_runtime_config configured;
static bool have_config;

void ac__task_start_blocker(struct ac__runtime *rt, ac_task *task);
void ac__dump_install_default(void);

/* ------------------------------------------------------------------------------------------ */
/* Configuration                                                                              */

/* Whether a bad ASYNCC_WORKERS or ASYNCC_SLOW_POLL_MS was said already. */
static atomic_bool workers_warned, slow_poll_warned;

/* The number in the environment variable name, from lo to hi; otherwise (unset: silently)
 * fallback. A bad value is said once per process (*warned): the configuration is read at each
 * ac_runtime_config_default and each start. */
static unsigned long env_number(const char *name, unsigned long lo, unsigned long hi,
                                unsigned long fallback, atomic_bool *warned)
{
    const char *s = getenv(name);
    if (!s || !*s)
        return fallback;
    char *end;
    errno = 0;
    unsigned long n = strtoul(s, &end, 10);
    if (*s != '-' && *end == '\0' && errno == 0 && n >= lo && n <= hi)
        return n;
    if (!atomic_exchange_explicit(warned, true, memory_order_relaxed))
        fprintf(stderr, "asyncc: ignoring %s=%s (expected a number from %lu to %lu)\n", name, s, lo, hi);
    return fallback;
}

static unsigned env_workers(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return (unsigned)env_number("ASYNCC_WORKERS", 1, 1024, n > 0 ? (unsigned long)n : 1, &workers_warned);
}

void ac_runtime_config_default(ac_runtime_config *config)
{
    memset(config, 0, sizeof *config);
    config->workers = env_workers();
    config->ring_entries = 256;
    config->global_queue_interval = 61;
    config->budget = 128;
}

static void fill_defaults(ac_runtime_config *c)
{
    ac_runtime_config d;
    ac_runtime_config_default(&d);
    if (!c->workers)
        c->workers = d.workers;
    if (c->current_thread)
        c->workers = 1;
    if (!c->ring_entries)
        c->ring_entries = d.ring_entries;
    if (!c->global_queue_interval)
        c->global_queue_interval = d.global_queue_interval;
    if (!c->budget)
        c->budget = d.budget;
}

int ac_runtime_configure(const ac_runtime_config *config)
{
    if (config->workers > 1024 || config->ring_entries > 32768 ||
        config->backend < AC_BACKEND_AUTO || config->backend > AC_BACKEND_EPOLL)
        return -EINVAL;
    pthread_mutex_lock(&rt_lock);
    int r = 0;
    if (atomic_load(&ac__rt)) {
        r = -EBUSY;
    } else {
        configured = *config;
        have_config = true;
    }
    pthread_mutex_unlock(&rt_lock);
    return r;
}

/* ------------------------------------------------------------------------------------------ */
/* Start                                                                                      */

/* Why the last start failed, for ac_runtime_start_error (under rt_lock). */
static char start_error[1024];
/* The task of async main, once it is started. */
static ac_task *main_task;

void ac__runtime_after_fork(void)
{
    pthread_mutex_init(&rt_lock, NULL);
}

void ac__runtime_locks_init(struct ac__runtime *rt)
{
    pthread_mutex_init(&rt->block_lock, NULL);
    pthread_cond_init(&rt->block_cond, NULL);
    pthread_mutex_init(&rt->monitor_lock, NULL);
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&rt->monitor_cond, &attr);
    pthread_condattr_destroy(&attr);
}

static void worker_init(struct ac__runtime *rt, struct ac__worker *w, unsigned index)
{
    memset(w, 0, sizeof *w);
    ac__local_init(&w->queue);
    w->rt = rt;
    w->index = index;
    w->rng = 0x9e3779b97f4a7c15ull * (index + 1);
    ac__inject_init(&w->remote);
    ac__spin_init(&w->wheel_lock);
    ac__wheel_init(&w->wheel, ac__now_ns() / AC__TICK_NS);
    atomic_init(&w->cancels, NULL);
    atomic_init(&w->watch_seq, 1); /* odd: no poll running (monitor.c, watchdog) */
}

static void workers_destroy(struct ac__runtime *rt, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        struct ac__worker *w = &rt->workers[i];
        w->be->destroy(w);
        ac__inject_destroy(&w->remote);
    }
}

int ac__backends_start(struct ac__runtime *rt, const struct ac__backend_ops *be, char *why, size_t whylen)
{
    for (unsigned i = 0; i < rt->nworkers; i++) {
        struct ac__worker *w = &rt->workers[i];
        w->be = be;
        int r = be->init(w, rt->config.ring_entries, why, whylen);
        if (r < 0) {
            while (i--)
                be->destroy(&rt->workers[i]);
            return r;
        }
    }
    rt->backend = be;
    return 0;
}

/* Makes the workers and starts every one's backend; on failure none is left. */
static int backends_init(struct ac__runtime *rt, const struct ac__backend_ops *be, char *why,
                         size_t whylen)
{
    for (unsigned i = 0; i < rt->nworkers; i++)
        worker_init(rt, &rt->workers[i], i);
    int r = ac__backends_start(rt, be, why, whylen);
    if (r < 0)
        for (unsigned i = 0; i < rt->nworkers; i++)
            ac__inject_destroy(&rt->workers[i].remote);
    return r;
}

/* The backend the configuration or $ASYNCC_BACKEND asks for, or NULL to choose. */
static int forced_backend(const ac_runtime_config *c, const struct ac__backend_ops **out)
{
    *out = NULL;
    switch (c->backend) {
    case AC_BACKEND_IO_URING:
        *out = &ac__backend_uring;
        return 0;
    case AC_BACKEND_EPOLL:
        *out = &ac__backend_epoll;
        return 0;
    case AC_BACKEND_AUTO:
        break;
    default:
        snprintf(start_error, sizeof start_error, "unknown backend %d in the configuration",
                 c->backend);
        return -EINVAL;
    }
    const char *s = getenv("ASYNCC_BACKEND");
    if (!s || !*s || !strcmp(s, "auto"))
        return 0;
    if (!strcmp(s, "io_uring"))
        *out = &ac__backend_uring;
    else if (!strcmp(s, "epoll"))
        *out = &ac__backend_epoll;
    else {
        snprintf(start_error, sizeof start_error,
                 "ASYNCC_BACKEND=%s: expected io_uring, epoll or auto", s);
        return -EINVAL;
    }
    return 0;
}

/* io_uring when the kernel lets us set up rings, else epoll (saying so on stderr), unless
 * the configuration or the environment forces one. */
static int choose_backend(struct ac__runtime *rt)
{
    const struct ac__backend_ops *be;
    char why[400];
    int r = forced_backend(&rt->config, &be);
    if (r < 0)
        return r;
    if (be) {
        r = backends_init(rt, be, why, sizeof why);
        if (r < 0)
            snprintf(start_error, sizeof start_error, "the %s backend: %s", be->name, why);
        return r;
    }
    if (backends_init(rt, &ac__backend_uring, why, sizeof why) == 0)
        return 0;
    char epoll_why[400];
    r = backends_init(rt, &ac__backend_epoll, epoll_why, sizeof epoll_why);
    if (r < 0) {
        snprintf(start_error, sizeof start_error, "io_uring: %s; epoll: %s", why, epoll_why);
        return r;
    }
    fprintf(stderr, "asyncc: using the epoll backend: %s (ASYNCC_BACKEND=epoll silences this)\n",
            why);
    return 0;
}

static int runtime_create(struct ac__runtime **out)
{
    int r = -ENOMEM;
    struct ac__runtime *rt = aligned_alloc(AC__CACHELINE, sizeof *rt);
    if (!rt)
        goto err;
    memset(rt, 0, sizeof *rt);
    if (have_config)
        rt->config = configured;
    fill_defaults(&rt->config);
    rt->nworkers = rt->config.workers;
    rt->slow_poll_ms = (unsigned)env_number("ASYNCC_SLOW_POLL_MS", 0, 86400000, 0, &slow_poll_warned);
    size_t bytes = sizeof(struct ac__worker) * rt->nworkers;
    rt->workers = aligned_alloc(AC__CACHELINE, (bytes + AC__CACHELINE - 1) & ~(size_t)(AC__CACHELINE - 1));
    if (!rt->workers)
        goto err_rt;
    r = choose_backend(rt);
    if (r < 0)
        goto err_workers;
    ac__inject_init(&rt->inject);
    ac__runtime_locks_init(rt);
    *out = rt;
    return 0;
err_workers:
    free(rt->workers);
err_rt:
    free(rt);
err:
    if (r == -ENOMEM && !start_error[0])
        snprintf(start_error, sizeof start_error, "out of memory");
    return r;
}

static void runtime_destroy(struct ac__runtime *rt)
{
    workers_destroy(rt, rt->nworkers);
    ac__inject_destroy(&rt->inject);
    pthread_mutex_destroy(&rt->block_lock);
    pthread_cond_destroy(&rt->block_cond);
    pthread_mutex_destroy(&rt->monitor_lock);
    pthread_cond_destroy(&rt->monitor_cond);
    free(rt->orphans);
    free(rt->workers);
    free(rt);
}

static void stop_monitor(struct ac__runtime *rt)
{
    if (!rt->have_monitor)
        return;
    pthread_mutex_lock(&rt->monitor_lock);
    pthread_cond_signal(&rt->monitor_cond);
    pthread_mutex_unlock(&rt->monitor_lock);
    pthread_join(rt->monitor, NULL);
    rt->have_monitor = false;
}

/* Tells the first n workers' loops to stop, and wakes them to see it. */
static void stop_loops(struct ac__runtime *rt, unsigned n)
{
    atomic_store(&rt->stopping, 1);
    for (unsigned i = 0; i < n; i++)
        ac__backend_wake(&rt->workers[i]);
}

/* Stops the threads started before one failed to start. */
static void stop_threads(struct ac__runtime *rt, unsigned n)
{
    stop_loops(rt, n);
    for (unsigned i = 0; i < n; i++)
        pthread_join(rt->workers[i].thread, NULL);
}

int ac__worker_thread_start(struct ac__worker *w)
{
    w->is_thread = true;
    int r = pthread_create(&w->thread, NULL, ac__worker_main, w);
    if (r == 0)
        ac__name_thread(w->thread, "asyncc-w", (int)w->index);
    return r;
}

/* Without a monitor a blocked worker strands its work until it returns, as before: worth no
 * failure. */
void ac__monitor_start(struct ac__runtime *rt)
{
    rt->have_monitor =
        ac__thread_start_quiet(&rt->monitor, ac__monitor_main, rt, "asyncc-monitor") == 0;
}

static int runtime_start_threads(struct ac__runtime *rt)
{
    if (rt->config.current_thread)
        return 0;
    atomic_store(&rt->active_workers, rt->nworkers);
    for (unsigned i = 0; i < rt->nworkers; i++) {
        int r = ac__worker_thread_start(&rt->workers[i]);
        if (r) {
            snprintf(start_error, sizeof start_error, "creating worker thread %u: %s", i,
                     strerror(r));
            /* The threads that did not start will never leave their loops: count them out. */
            atomic_fetch_sub(&rt->active_workers, rt->nworkers - i);
            stop_threads(rt, i);
            return -r;
        }
    }
    ac__monitor_start(rt);
    return 0;
}

_Atomic bool ac__sigpipe_ignored;

/* SIGPIPE caught and dropped: the write that raised it returns -EPIPE. */
static void sigpipe_swallow(int sig)
{
    (void)sig;
}

/* A write to a socket or pipe whose reader is gone raises SIGPIPE, which kills the process by
 * default: a server would die of one client hanging up. As Rust's runtime does, the runtime
 * makes it harmless (the write returns -EPIPE instead), unless the program chose what SIGPIPE
 * does itself. It catches the signal with a handler that does nothing rather than ignoring it
 * (SIG_IGN), as Go's runtime does: execve(2) gives a caught signal its default action back but
 * keeps an ignored one ignored, and every program the process runs through system(), popen(),
 * posix_spawn or its own fork and exec would have inherited SIGPIPE ignored (a shell made
 * async ran `yes | head -n 1`, and yes, ignoring SIGPIPE, printed "Broken pipe" errors where it
 * should have ended quietly). SA_RESTART: the signal is the writing thread's own, and no other
 * call it makes fails with EINTR for it. */
static void sigpipe_install_default(bool keep)
{
    struct sigaction old;
    if (sigaction(SIGPIPE, NULL, &old) != 0)
        return;
    bool ignored = !(old.sa_flags & SA_SIGINFO) && old.sa_handler == SIG_IGN;
    if (!keep && !(old.sa_flags & SA_SIGINFO) && old.sa_handler == SIG_DFL) {
        struct sigaction swallow;
        memset(&swallow, 0, sizeof swallow);
        swallow.sa_handler = sigpipe_swallow;
        swallow.sa_flags = SA_RESTART;
        sigemptyset(&swallow.sa_mask);
        ignored = sigaction(SIGPIPE, &swallow, NULL) == 0;
    }
    atomic_store(&ac__sigpipe_ignored, ignored);
}

int ac_runtime_start(void)
{
    pthread_mutex_lock(&rt_lock);
    int r = 0;
    if (!atomic_load_explicit(&ac__rt, memory_order_relaxed)) {
        start_error[0] = '\0';
        struct ac__runtime *rt;
        r = runtime_create(&rt);
        if (r == 0) {
            atomic_store_explicit(&ac__rt, rt, memory_order_release);
            r = runtime_start_threads(rt);
            if (r < 0) {
                atomic_store_explicit(&ac__rt, NULL, memory_order_release);
                ac__gate_wait_empty();
                runtime_destroy(rt);
            } else {
                ac__dump_install_default();
                sigpipe_install_default(have_config && configured.keep_sigpipe);
                ac__fork_install();
            }
        }
    }
    pthread_mutex_unlock(&rt_lock);
    return r;
}

const char *ac_runtime_start_error(void)
{
    return start_error;
}

const char *ac_runtime_backend(void)
{
    struct ac__runtime *rt = atomic_load(&ac__rt);
    return rt ? rt->backend->name : NULL;
}

struct ac__runtime *ac__runtime_start(void)
{
    if (ac_runtime_start() < 0)
        ac__panic("cannot start the runtime: %s (check ac_runtime_start() before spawning "
                  "from plain C to handle this)", start_error);
    return atomic_load_explicit(&ac__rt, memory_order_acquire);
}

/* ------------------------------------------------------------------------------------------ */
/* block_on and main                                                                          */

static bool task_is_complete(void *arg)
{
    ac_task *task = arg;
    return ac__state_is_complete(task);
}

/* Notes that this thread waits for me->task, before the task starts: a fork() in its first poll
 * finds it (fork.c makes the child exit when the task completes there; noted only once this
 * thread waited, a fork() that came first left a child that never exited: flex made async). */
static void note_blocked(struct ac__runtime *rt, struct ac__blocked *me)
{
    pthread_mutex_lock(&rt->block_lock);
    me->next = rt->blocked;
    rt->blocked = me;
    pthread_mutex_unlock(&rt->block_lock);
}

/* A multi-thread runtime: the workers run the task; we wait for its completion, holding the
 * process's signals back for them (util.h). */
static void wait_for(struct ac__runtime *rt, struct ac__blocked *me)
{
    sigset_t old;
    ac__signals_hold(&old);
    pthread_mutex_lock(&rt->block_lock);
    while (!task_is_complete(me->task))
        pthread_cond_wait(&rt->block_cond, &rt->block_lock);
    struct ac__blocked **pp = &rt->blocked;
    while (*pp != me)
        pp = &(*pp)->next;
    *pp = me->next;
    pthread_mutex_unlock(&rt->block_lock);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
}

/* A current-thread runtime: its one worker runs on the threads in ac__block_on, one at a time
 * (its queues, wheel and backend are its own thread's: two threads running it at once raced on
 * all of them). The others wait until their task completes, or until the worker is free again
 * and one of them takes it over, as Tokio's current_thread scheduler hands over its core. */
static void run_worker_until(struct ac__runtime *rt, ac_task *task)
{
    pthread_mutex_lock(&rt->block_lock);
    while (!task_is_complete(task)) {
        /* (At shutdown the worker stops at once: the shutdown drops the task, and wakes us.) */
        if (rt->worker_taken || atomic_load(&rt->stopping)) {
            sigset_t old; /* signals go to the thread that runs the worker (util.h) */
            ac__signals_hold(&old);
            pthread_cond_wait(&rt->block_cond, &rt->block_lock);
            pthread_sigmask(SIG_SETMASK, &old, NULL);
            continue;
        }
        rt->worker_taken = true;
        pthread_mutex_unlock(&rt->block_lock);
        ac__worker_run(&rt->workers[0], task_is_complete, task);
        pthread_mutex_lock(&rt->block_lock);
        rt->worker_taken = false;
        pthread_cond_broadcast(&rt->block_cond); /* for a waiter to take it */
    }
    pthread_mutex_unlock(&rt->block_lock);
}

/* Counts a thread into or out of ac__block_on (rt->inside), for a shutdown that waits. */
static void count_inside(struct ac__runtime *rt, int delta)
{
    pthread_mutex_lock(&rt->block_lock);
    rt->inside += (unsigned)delta;
    if (!rt->inside)
        pthread_cond_broadcast(&rt->block_cond);
    pthread_mutex_unlock(&rt->block_lock);
}

/* Copies the finished task's result to *result; a task that a shutdown dropped has none: a
 * zeroed value then, and -ECANCELED. */
static int take_result(ac_task *task, void *result)
{
    bool aborted = ac__state_join_peek(task) == AC__JOIN_ABORTED;
    size_t size = task->type->result_size;
    if (result && size && aborted)
        memset(result, 0, size);
    else if (result && size)
        memcpy(result, (char *)ac__task_frame(task) + task->type->result_offset, size);
    return aborted ? -ECANCELED : 0;
}

/* Waits until no thread runs a current-thread runtime's worker (want_inside: until no thread
 * is in ac__block_on at all). */
static void wait_block_on_threads(struct ac__runtime *rt, bool want_inside)
{
    pthread_mutex_lock(&rt->block_lock);
    while (rt->worker_taken || (want_inside && rt->inside))
        pthread_cond_wait(&rt->block_cond, &rt->block_lock);
    pthread_mutex_unlock(&rt->block_lock);
}

/* Enters the gate of the runtime, started if need be: 0, -ECANCELED while a shutdown runs, or
 * why the runtime cannot start. */
static int block_on_enter(struct ac__runtime **rt)
{
    int r;
    do {
        r = ac_runtime_start();
        if (r < 0)
            return r;
        r = ac__gate_enter(rt);
    } while (r == -ENOENT); /* a shutdown ended meanwhile: start the next runtime */
    return r == -ESHUTDOWN ? -ECANCELED : r;
}

int ac__block_on(ac_task *task, void *result)
{
    if (ac__current)
        ac__panic("ac_block_on(%s) called from inside a task: await it instead", task->type->name);
    struct ac__runtime *rt;
    int r = block_on_enter(&rt);
    if (r < 0) {
        if (result && task->type->result_size)
            memset(result, 0, task->type->result_size);
        ac__task_discard(task);
        return r;
    }
    count_inside(rt, 1);
    struct ac__blocked me = {task, NULL};
    if (!rt->config.current_thread)
        note_blocked(rt, &me);
    ac__task_start_blocker(rt, task);
    ac__gate_leave(); /* a shutdown from now on drops the task, and waits for us to let go */
    if (rt->config.current_thread)
        run_worker_until(rt, task);
    else
        wait_for(rt, &me);
    r = take_result(task, result);
    ac__task_release_handle(task);
    count_inside(rt, -1);
    return r;
}

/* In a fork() child of a process where a thread waited in ac__block_on, for task: it completed
 * here, where that thread is not. The process ends as that thread's main would:
 * with async main's result, else 0, once every worker has left its loop (worker.c). */
bool ac__blocker_orphan_done(ac_task *task)
{
    struct ac__runtime *rt = atomic_load(&ac__rt);
    size_t i = 0;
    while (i < rt->norphans && rt->orphans[i] != task)
        i++;
    if (i == rt->norphans)
        return false;
    int status = 0;
    if (task == main_task && task->type->result_size >= sizeof status)
        memcpy(&status, (char *)ac__task_frame(task) + task->type->result_offset, sizeof status);
    rt->exit_status = status;
    atomic_store(&rt->exit_when_stopped, 1);
    stop_loops(rt, rt->nworkers);
    return true;
}

static void stop_runtime(bool exiting);

int ac__main(ac_task *task)
{
    union {
        int status;
        max_align_t any;
        char bytes[64];
    } result = {0};
    if (task->type->result_size > sizeof result)
        ac__panic("async main returns %zu bytes; it must return int", task->type->result_size);
    main_task = task;
    int r = ac__block_on(task, &result);
    if (r < 0) {
        fflush(stdout);
        if (r == -ECANCELED)
            fprintf(stderr, "asyncc: async main was dropped by ac_runtime_shutdown\n");
        else
            fprintf(stderr, "asyncc: cannot start the runtime: %s\n", start_error);
        return 70; /* EX_SOFTWARE */
    }
    stop_runtime(true);
    fflush(stdout);
    return result.status;
}

/* ------------------------------------------------------------------------------------------ */
/* Shutdown                                                                                   */

struct task_list {
    ac_task **items;
    size_t len, cap;
};

/* Out of memory for the list, the tasks left out are not dropped: their cleanups do not run
 * and their memory stays allocated (so no kernel write can land in freed memory). */
static void collect(ac_task *task, void *arg)
{
    struct task_list *l = arg;
    if (l->len == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 1024;
        ac_task **more = realloc(l->items, cap * sizeof *more);
        if (!more)
            return;
        l->items = more;
        l->cap = cap;
    }
    if (!ac__task_try_ref(task))
        return; /* a blocking job's thread is freeing it */
    l->items[l->len++] = task;
}

static void drain_queue_refs(struct ac__runtime *rt)
{
    ac_task *t;
    for (unsigned i = 0; i < rt->nworkers; i++) {
        struct ac__worker *w = &rt->workers[i];
        if ((t = atomic_exchange(&w->lifo, NULL)))
            ac__task_unref(t);
        while ((t = ac__local_pop(&w->queue)))
            ac__task_unref(t);
        while ((t = ac__inject_pop(&w->remote)))
            ac__task_unref(t);
    }
    while ((t = ac__inject_pop(&rt->inject)))
        ac__task_unref(t);
}

/* ac_runtime_shutdown; exiting: async main's, after which the process ends, which waits for no
 * blocking job whose future was dropped (it may never return: a thread cannot be interrupted)
 * and then leaves the runtime's memory to the exit, since such a job's waker holds its task. */
static void stop_runtime(bool exiting)
{
    pthread_mutex_lock(&rt_lock);
    struct ac__runtime *rt = atomic_load(&ac__rt);
    if (!rt) {
        pthread_mutex_unlock(&rt_lock);
        return;
    }
    atomic_store(&rt->stopping, 1);
    ac__gate_wait_empty(); /* other threads queue nothing from now on */
    stop_monitor(rt);
    for (unsigned i = 0; i < rt->nworkers; i++)
        ac__backend_wake(&rt->workers[i]);
    for (unsigned i = 0; i < rt->nworkers; i++)
        if (rt->workers[i].is_thread)
            pthread_join(rt->workers[i].thread, NULL);
    wait_block_on_threads(rt, false); /* a current-thread runtime's worker is left */
    atomic_store(&rt->halted, 1);

    /* Drop every task that has not finished, running its cleanups; then release the run
     * queues' references. A drop may wake other tasks: they go to the (dead) queues too. */
    struct task_list all = {0};
    ac__registry_foreach(collect, &all);
    for (size_t i = 0; i < all.len; i++)
        ac__task_shutdown_drop(all.items[i]);
    drain_queue_refs(rt);
    bool drained = ac__blocking_drain(exiting);

    /* Wait for the kernel to be done with every buffer an op may write. */
    for (unsigned i = 0; i < rt->nworkers; i++) {
        struct ac__worker *w = &rt->workers[i];
        ac__current = w;
        for (;;) {
            ac__process_cancels(w);
            ac__backend_reap(w);
            if (w->be->inflight(w) == 0)
                break;
            ac__backend_wait(w, ac__now_ns() + 100000000u);
        }
        ac__current = NULL;
    }
    if (!drained) {
        free(all.items);
        pthread_mutex_unlock(&rt_lock);
        return;
    }
    drain_queue_refs(rt);
    for (size_t i = 0; i < all.len; i++)
        ac__task_unref(all.items[i]);
    free(all.items);

    /* Tasks whose handles were never joined or detached: nobody can use them any more (the
     * threads that waited in ac__block_on for tasks dropped above have let go of theirs). */
    wait_block_on_threads(rt, true);
    ac__abort_handles_detach();
    all = (struct task_list){0};
    ac__registry_foreach(collect, &all);
    for (size_t i = 0; i < all.len; i++)
        ac__state_ref_reset_to_one(all.items[i]);
    for (size_t i = 0; i < all.len; i++)
        ac__task_unref(all.items[i]);
    free(all.items);

    atomic_store(&ac__rt, NULL);
    ac__gate_wait_empty(); /* nobody reads rt's stopping any more */
    runtime_destroy(rt);
    pthread_mutex_unlock(&rt_lock);
}

void ac_runtime_shutdown(void)
{
    if (ac__current)
        ac__panic("ac_runtime_shutdown called from inside a task");
    stop_runtime(false);
}

/* ------------------------------------------------------------------------------------------ */
/* Counters                                                                                   */

void ac_runtime_stats_get(ac_runtime_stats *stats)
{
    memset(stats, 0, sizeof *stats);
    struct ac__runtime *rt = atomic_load(&ac__rt);
    if (!rt)
        return;
    uint64_t spawned = 0, freed = 0;
    stats->workers = rt->nworkers;
#define SUM(src)                                                                   \
    do {                                                                           \
        spawned += atomic_load_explicit(&(src)->spawned, memory_order_relaxed);    \
        freed += atomic_load_explicit(&(src)->freed, memory_order_relaxed);        \
        stats->polls += atomic_load_explicit(&(src)->polls, memory_order_relaxed); \
        stats->steals += atomic_load_explicit(&(src)->steals, memory_order_relaxed); \
        stats->parks += atomic_load_explicit(&(src)->parks, memory_order_relaxed); \
        stats->io_submitted += atomic_load_explicit(&(src)->io_submitted, memory_order_relaxed); \
        stats->io_completed += atomic_load_explicit(&(src)->io_completed, memory_order_relaxed); \
    } while (0)
    for (unsigned i = 0; i < rt->nworkers; i++)
        SUM(&rt->workers[i].stats);
    SUM(&rt->outside);
#undef SUM
    stats->tasks_spawned = spawned;
    stats->tasks_alive = spawned > freed ? spawned - freed : 0;
}
