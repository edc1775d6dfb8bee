/* runtime/blocking.c: the blocking thread pool (threads on demand, idle ones exit and are
 * joined: at shutdown no pool thread is left; the epoll backend's file ops run there too) and
 * ac_spawn_blocking (jobs on the heap: a dropped future abandons its job, freed when fn returns). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "asyncc/sync.h"
#include "fork.h"
#include "task.h"
#include "worker.h"

#define MAX_THREADS 512
#define IDLE_SECONDS 10

enum { JOB_QUEUED, JOB_RUNNING, JOB_DONE, JOB_ABANDONED };

struct job {
    struct ac__pool_job base;
    long (*fn)(void *);
    void *arg;
    long ret;
    ac_waker waker;
    _Atomic int state;
};

static struct {
    pthread_mutex_t lock;
    pthread_cond_t cond, idle_cond;
    struct ac__pool_job *head, *tail;
    unsigned threads, idle;
    size_t outstanding; /* jobs submitted and not finished: their wakers hold tasks */
    _Atomic size_t abandoned; /* of them, ac_spawn_blocking jobs whose future was dropped */
    bool stopping;      /* shutdown: idle threads exit at once */
    pthread_t *exited;  /* threads that left their loop, to be joined */
    size_t nexited, cap;
} pool = {.lock = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER,
          .idle_cond = PTHREAD_COND_INITIALIZER};

/* Joins the threads that have left their loop (they hold no lock any more). Under pool.lock. */
static void join_exited(void)
{
    for (size_t i = 0; i < pool.nexited; i++)
        pthread_join(pool.exited[i], NULL);
    pool.nexited = 0;
}

static void run_job(struct ac__pool_job *base)
{
    struct job *j = (struct job *)base;
    /* Run it even when its future was dropped before it started: fn may own arg. */
    int expected = JOB_QUEUED;
    atomic_compare_exchange_strong(&j->state, &expected, JOB_RUNNING);
    j->ret = j->fn(j->arg);
    ac_waker w = j->waker;
    j->waker.task = NULL;
    expected = JOB_RUNNING;
    if (atomic_compare_exchange_strong(&j->state, &expected, JOB_DONE)) {
        ac_waker_wake(w); /* the future frees the job */
    } else {
        ac_waker_drop(w);
        free(j);
        atomic_fetch_sub(&pool.abandoned, 1);
    }
}

static void *pool_thread(void *arg)
{
    (void)arg;
    stack_t altstack;
    ac__altstack_note(&altstack);
    pthread_mutex_lock(&pool.lock);
    for (;;) {
        struct ac__pool_job *j = pool.head;
        if (j) {
            pool.head = j->next;
            if (!pool.head)
                pool.tail = NULL;
            pthread_mutex_unlock(&pool.lock);
            j->run(j); /* which may free j */
            pthread_mutex_lock(&pool.lock);
            pool.outstanding--;
            pthread_cond_broadcast(&pool.idle_cond); /* for a drain, which may wait for fewer */
            continue;
        }
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += IDLE_SECONDS;
        pool.idle++;
        /* Idle, it holds the process's signals back for the threads that run the program's
         * code (util.h); a job runs with the program's mask, which a child it starts inherits
         * (system() in a job: a child with every signal blocked). */
        sigset_t old;
        ac__signals_hold(&old);
        int r = pool.stopping ? ETIMEDOUT : pthread_cond_timedwait(&pool.cond, &pool.lock, &until);
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        pool.idle--;
        if (r == ETIMEDOUT && !pool.head)
            break;
    }
    if (pool.nexited == pool.cap) {
        size_t cap = pool.cap ? 2 * pool.cap : 16;
        pthread_t *more = realloc(pool.exited, cap * sizeof *more);
        if (more) {
            pool.exited = more;
            pool.cap = cap;
        }
    }
    if (pool.nexited < pool.cap)
        pool.exited[pool.nexited++] = pthread_self();
    else
        pthread_detach(pthread_self()); /* no memory to be joined: its resources go when it ends */
    pool.threads--;
    pthread_cond_broadcast(&pool.idle_cond);
    pthread_mutex_unlock(&pool.lock);
    ac__altstack_restore(&altstack);
    return NULL;
}

void ac__pool_submit(struct ac__pool_job *j)
{
    pthread_mutex_lock(&pool.lock);
    j->next = NULL;
    if (pool.tail)
        pool.tail->next = j;
    else
        pool.head = j;
    pool.tail = j;
    pool.outstanding++;
    join_exited();
    if (pool.idle == 0 && pool.threads < MAX_THREADS) {
        pthread_t t;
        if (pthread_create(&t, NULL, pool_thread, NULL) == 0) {
            ac__name_thread(t, "asyncc-blocking", -1);
            pool.threads++;
        } else if (pool.threads == 0) {
            /* No thread could start (out of memory or of threads) and none is there to take the
             * job: it runs here, blocking the caller, rather than never. (Threads leave only
             * with the queue empty, so it holds only this job.) */
            pool.head = pool.tail = NULL;
            pool.outstanding--;
            pthread_mutex_unlock(&pool.lock);
            j->run(j);
            return;
        }
    } else {
        pthread_cond_signal(&pool.cond);
    }
    pthread_mutex_unlock(&pool.lock);
}

/* The pool's threads are the parent's: jobs queued or running there stay the parent's (their
 * tasks wait on in the child, as ops in flight do; an epoll backend's op would complete into
 * the parent's backend). */
void ac__pool_after_fork(void)
{
    pthread_mutex_init(&pool.lock, NULL);
    pthread_cond_init(&pool.cond, NULL);
    pthread_cond_init(&pool.idle_cond, NULL);
    pool.head = pool.tail = NULL;
    pool.threads = pool.idle = 0;
    pool.outstanding = 0;
    atomic_store(&pool.abandoned, 0);
    pool.nexited = 0;
    pool.stopping = false;
}

bool ac__blocking_drain(bool exiting)
{
    pthread_mutex_lock(&pool.lock);
    while (pool.outstanding > (exiting ? atomic_load(&pool.abandoned) : 0))
        pthread_cond_wait(&pool.idle_cond, &pool.lock);
    if (pool.outstanding) { /* exiting: fns nobody waits for, which may never return */
        pthread_mutex_unlock(&pool.lock);
        return false;
    }
    /* Then the idle threads leave, and are joined. */
    pool.stopping = true;
    pthread_cond_broadcast(&pool.cond);
    while (pool.threads)
        pthread_cond_wait(&pool.idle_cond, &pool.lock);
    join_exited();
    free(pool.exited);
    pool.exited = NULL;
    pool.cap = 0;
    pool.stopping = false;
    pthread_mutex_unlock(&pool.lock);
    return true;
}

struct blocking_frame {
    unsigned state;
    long ret;
    long (*fn)(void *);
    void *arg;
    struct job *job;
};

static int blocking_poll(void *frame, ac_cx *cx)
{
    struct blocking_frame *f = frame;
    if (f->state == 0) {
        struct job *j = malloc(sizeof *j);
        if (!j) { /* no memory to hand it over: run it here, blocking this worker */
            f->ret = f->fn(f->arg);
            f->state = AC_STATE_DONE;
            return AC_READY;
        }
        j->base.run = run_job;
        j->fn = f->fn;
        j->arg = f->arg;
        j->ret = 0;
        j->waker = ac_cx_waker(cx);
        atomic_init(&j->state, JOB_QUEUED);
        f->job = j;
        f->state = 1;
        ac__pool_submit(&j->base);
        return AC_PENDING;
    }
    if (atomic_load_explicit(&f->job->state, memory_order_acquire) != JOB_DONE)
        return AC_PENDING;
    f->ret = f->job->ret;
    free(f->job);
    f->job = NULL;
    f->state = AC_STATE_DONE;
    return AC_READY;
}

static void blocking_drop(void *frame, ac_cx *cx)
{
    (void)cx;
    struct blocking_frame *f = frame;
    if (f->state == 1 && f->job) {
        atomic_fetch_add(&pool.abandoned, 1);
        if (atomic_exchange(&f->job->state, JOB_ABANDONED) == JOB_DONE) {
            free(f->job); /* finished already: its waker was woken, nothing else holds it */
            atomic_fetch_sub(&pool.abandoned, 1);
        }
        f->job = NULL;
    }
    f->state = AC_STATE_DONE;
}

AC__LEAF_TYPE(ac_spawn_blocking, struct blocking_frame, ret, blocking_poll, blocking_drop, "blocking pool");

AC_EXPORT void ac__init_ac_spawn_blocking(void *frame, long (*fn)(void *), void *arg);
void ac__init_ac_spawn_blocking(void *frame, long (*fn)(void *), void *arg)
{
    struct blocking_frame *f = frame;
    f->state = 0;
    f->ret = 0;
    f->fn = fn;
    f->arg = arg;
    f->job = NULL;
}
