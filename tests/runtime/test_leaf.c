/* tests/runtime/test_leaf.c (async C): a future written by hand with asyncc/leaf.h, completed
 * by another thread (as a C library's callback would), awaited, raced by a timeout (its drop
 * takes the waker back) and awaited by many tasks at once. The example of docs/guide.md. */
#include <pthread.h>
#include <semaphore.h>
#include <unistd.h>

#include "test.h"

/* ---- The guide's example: a job that another thread completes. ---- */
struct job {
    pthread_mutex_t lock;
    int done, value;
    ac_waker waker; /* the waiting task's, while it waits */
};

/* Called on the other thread when the work is done. */
static void job_complete(struct job *j, int value)
{
    pthread_mutex_lock(&j->lock);
    j->done = 1;
    j->value = value;
    ac_waker w = j->waker;
    j->waker.task = NULL;
    pthread_mutex_unlock(&j->lock);
    ac_waker_wake(w); /* outside the lock; does nothing when nobody waits */
}

/* The future: async int job_wait(struct job *j), written by hand. */
struct job_wait_frame {
    unsigned state;
    int result;
    struct job *job;
};

static int job_wait_poll(void *frame, ac_cx *cx)
{
    struct job_wait_frame *f = frame;
    struct job *j = f->job;
    ac_waker old = {NULL};
    pthread_mutex_lock(&j->lock);
    if (j->done) {
        f->result = j->value;
        f->state = AC_STATE_DONE;
        pthread_mutex_unlock(&j->lock);
        return AC_READY;
    }
    old = j->waker; /* from an earlier poll, if any: replaced */
    j->waker = ac_cx_waker(cx);
    f->state = 1;
    pthread_mutex_unlock(&j->lock);
    ac_waker_drop(old);
    return AC_PENDING;
}

static void job_wait_drop(void *frame, ac_cx *cx)
{
    (void)cx;
    struct job_wait_frame *f = frame;
    pthread_mutex_lock(&f->job->lock);
    ac_waker w = f->job->waker;
    f->job->waker.task = NULL;
    pthread_mutex_unlock(&f->job->lock);
    ac_waker_drop(w);
    f->state = AC_STATE_DONE;
}

AC_DEFINE_FUTURE(job_wait, struct job_wait_frame, result, job_wait_poll, job_wait_drop);

void ac__init_job_wait(void *frame, struct job *j);
void ac__init_job_wait(void *frame, struct job *j)
{
    struct job_wait_frame *f = frame;
    f->state = 0;
    f->job = j;
}

/* What the API's header says, so that asyncc knows the function is awaitable. */
async int job_wait(struct job *j);

/* A future that hands no waker out (pending until whatever cancels it), so it has nothing to
 * take back and no drop: a NULL drop with no kids table is dropped as nothing (it crashed in
 * ac__drop_kids(NULL) once a type's drop could be NULL). */
struct never_frame {
    unsigned state;
    int result;
};

static int never_poll(void *frame, ac_cx *cx)
{
    (void)cx;
    ((struct never_frame *)frame)->state = 1;
    return AC_PENDING;
}

AC_DEFINE_FUTURE(never, struct never_frame, result, never_poll, NULL);

void ac__init_never(void *frame);
void ac__init_never(void *frame)
{
    ((struct never_frame *)frame)->state = 0;
}

async int never(void);

/* ---- The test ---- */
struct worker_arg {
    struct job *job;
    int value;
    unsigned delay_us;
    sem_t *go; /* when not NULL: completes only once this is posted */
};

static void *worker(void *arg)
{
    struct worker_arg *a = arg;
    usleep(a->delay_us);
    if (a->go)
        while (sem_wait(a->go) != 0)
            ;
    job_complete(a->job, a->value);
    return NULL;
}

#define NJOBS 64

static struct job jobs[NJOBS];
static struct worker_arg args[NJOBS];

static async int waiter(struct job *j)
{
    return await(job_wait(j));
}

async int main(void)
{
    static struct job one = {PTHREAD_MUTEX_INITIALIZER, 0, 0, {NULL}};
    struct worker_arg a = {&one, 42, 20000, NULL};
    pthread_t th;
    CHECK_EQ(pthread_create(&th, NULL, worker, &a), 0);
    int v = await(job_wait(&one));
    CHECK_EQ(v, 42);
    pthread_join(th, NULL);

    /* Completed already: ready at the first poll. */
    v = await(job_wait(&one));
    CHECK_EQ(v, 42);

    /* Cancelled by a timeout before the thread completes: the drop takes the waker back, and
     * the completion that comes later wakes nobody. */
    static struct job late = {PTHREAD_MUTEX_INITIALIZER, 0, 0, {NULL}};
    static sem_t go;
    CHECK_EQ(sem_init(&go, 0, 0), 0);
    struct worker_arg b = {&late, 7, 0, &go};
    CHECK_EQ(pthread_create(&th, NULL, worker, &b), 0);
    v = 0;
    int t = await(ac_timeout(5, v = job_wait(&late)));
    CHECK_EQ(t, -ETIMEDOUT);
    CHECK_EQ(v, 0);
    pthread_mutex_lock(&late.lock);
    CHECK(late.waker.task == NULL);
    pthread_mutex_unlock(&late.lock);
    sem_post(&go);
    pthread_join(th, NULL);
    sem_destroy(&go);
    v = await(job_wait(&late));
    CHECK_EQ(v, 7);

    /* A future without a drop, cancelled by a timeout. */
    CHECK_EQ(await(ac_timeout(5, never())), -ETIMEDOUT);

    /* Many tasks, each waiting for a job that its own thread completes. */
    ac_task *tasks[NJOBS];
    pthread_t threads[NJOBS];
    for (int i = 0; i < NJOBS; i++) {
        pthread_mutex_init(&jobs[i].lock, NULL);
        args[i] = (struct worker_arg){&jobs[i], i * 3, (unsigned)(i % 7) * 500, NULL};
        tasks[i] = ac_spawn(waiter(&jobs[i]));
        CHECK_EQ(pthread_create(&threads[i], NULL, worker, &args[i]), 0);
    }
    for (int i = 0; i < NJOBS; i++) {
        int r = -1;
        await(ac_task_join(tasks[i], &r));
        CHECK_EQ(r, i * 3);
        pthread_join(threads[i], NULL);
        pthread_mutex_destroy(&jobs[i].lock);
    }
    printf("leaf: ok\n");
    return 0;
}
