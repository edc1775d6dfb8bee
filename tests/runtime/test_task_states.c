/* tests/runtime/test_task_states.c: every transition of the task state word raced against the
 * others: wakes (from a plain thread), polls (on two workers), cancel, abort, detach, dumps and
 * joins (some dropped before the end and joined again), over a grid of delays, many times. */
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdbool.h>
#include <unistd.h>

#include "test.h"

/* What a repetition does with the handle, besides the wakes that run in every one. */
enum scenario {
    SC_JOIN,          /* the root joins */
    SC_CANCEL,        /* another thread cancels while the root joins */
    SC_ABORT,         /* another thread aborts (cancel and release): nobody joins */
    SC_DETACH,        /* another thread releases the handle: nobody joins */
    SC_DUMP,          /* another thread writes a task dump while the root joins */
    SC_DROPPED_JOIN,  /* the root polls a join once and drops it, then joins again */
    SC_CANCEL_DROPPED, /* as SC_DROPPED_JOIN, with a cancel from another thread */
    NSCENARIOS
};
static const char *const scenario_names[] = {"join", "cancel", "abort", "detach", "dump",
                                             "dropped join", "cancel + dropped join"};

#define NDELAYS 5
static const unsigned delays[NDELAYS] = {0, 20, 200, 2000, 20000}; /* CPU pauses */
#define MAX_WAKERS 8

/* One repetition's record, shared by the subject task, the waking thread and the handle
 * thread. */
static struct {
    unsigned rep, target, wakers_per_poll, wake_delay, handle_delay;
    enum scenario sc;
    atomic_int in_poll, polls, readies, drops;
    atomic_uint wakes; /* wakes made: counted before each one */
    pthread_mutex_t lock;
    ac_waker slots[MAX_WAKERS]; /* wakers the subject handed out, for the waking thread */
    int nslots;
    ac_task *_Atomic handle;
} rec = {.lock = PTHREAD_MUTEX_INITIALIZER};

static sem_t go_waker, go_handle;
static atomic_int waker_done, handle_done, quit;
static atomic_uint progress; /* repetitions done, for the watchdog */
static FILE *devnull;

static void pause_for(unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
#if defined(__x86_64__) || defined(__i386__)
        __builtin_ia32_pause();
#endif
    }
}

static void fail(const char *what)
{
    fprintf(stderr,
            "task_states: %s in repetition %u (%s, %u wakes, %u wakers per poll, delays %u/%u): "
            "polls %d, readies %d, drops %d, wakes %u\n",
            what, rec.rep, scenario_names[rec.sc], rec.target, rec.wakers_per_poll,
            rec.wake_delay, rec.handle_delay, atomic_load(&rec.polls), atomic_load(&rec.readies),
            atomic_load(&rec.drops), atomic_load(&rec.wakes));
    abort();
}

/* ------------------------------------------------------------------------------------------ */
/* The subject: ready once it has seen `target` wakes, handing out fresh wakers at each poll.  */

typedef struct {
    unsigned state;
    int result;
} subject_frame;

static void enter(void)
{
    if (atomic_exchange(&rec.in_poll, 1))
        fail("polled (or dropped) on two threads at once");
    if (atomic_load(&rec.readies) || atomic_load(&rec.drops))
        fail("polled (or dropped) after it finished");
}

static int subject_poll(void *frame, ac_cx *cx)
{
    subject_frame *f = frame;
    enter();
    atomic_fetch_add(&rec.polls, 1);
    /* Wakers first, then the count: a wake counted after this reading finds a waker. */
    pthread_mutex_lock(&rec.lock);
    for (unsigned i = 0; i < rec.wakers_per_poll && rec.nslots < MAX_WAKERS; i++)
        rec.slots[rec.nslots++] = ac_cx_waker(cx);
    pthread_mutex_unlock(&rec.lock);
    int r = AC_PENDING;
    if (atomic_load(&rec.wakes) >= rec.target) {
        f->result = (int)(1000 + rec.rep);
        f->state = AC_STATE_DONE;
        atomic_fetch_add(&rec.readies, 1);
        r = AC_READY;
    }
    atomic_store(&rec.in_poll, 0);
    return r;
}

static void subject_drop(void *frame, ac_cx *cx)
{
    (void)cx;
    enter();
    atomic_fetch_add(&rec.drops, 1);
    ((subject_frame *)frame)->state = AC_STATE_DONE;
    atomic_store(&rec.in_poll, 0);
}

static const ac_future_type subject_type = TEST_TYPE(subject_frame, subject_poll, subject_drop);

static bool finished(void)
{
    return atomic_load(&rec.readies) + atomic_load(&rec.drops) != 0;
}

/* ------------------------------------------------------------------------------------------ */
/* The plain threads                                                                          */

static ac_waker take_waker(void)
{
    ac_waker w = {NULL};
    pthread_mutex_lock(&rec.lock);
    if (rec.nslots)
        w = rec.slots[--rec.nslots];
    pthread_mutex_unlock(&rec.lock);
    return w;
}

/* Makes target wakes, then, once the subject finished, wakes or drops the wakers left. */
static void *waking_thread(void *arg)
{
    (void)arg;
    for (;;) {
        sem_wait(&go_waker);
        if (atomic_load(&quit))
            return NULL;
        for (unsigned i = 0; i < rec.target; i++) {
            pause_for(rec.wake_delay);
            /* A cancel must come while the handle is ours: the task cannot finish (and be
             * joined and freed) before its last wake. */
            if (i + 1 == rec.target && (rec.sc == SC_CANCEL || rec.sc == SC_CANCEL_DROPPED))
                while (!atomic_load(&handle_done))
                    sched_yield();
            atomic_fetch_add(&rec.wakes, 1);
            ac_waker_wake(take_waker());
        }
        while (!finished())
            sched_yield();
        ac_waker w;
        for (unsigned i = 0; (w = take_waker()).task; i++) {
            if ((rec.rep + i) % 2)
                ac_waker_wake(w); /* a wake of a finished task, maybe its last reference */
            else
                ac_waker_drop(w);
        }
        atomic_store(&waker_done, 1);
    }
}

static void *handle_thread(void *arg)
{
    (void)arg;
    for (;;) {
        sem_wait(&go_handle);
        if (atomic_load(&quit))
            return NULL;
        pause_for(rec.handle_delay);
        ac_task *t = atomic_load(&rec.handle);
        switch (rec.sc) {
        case SC_CANCEL:
        case SC_CANCEL_DROPPED:
            ac_task_cancel(t);
            break;
        case SC_ABORT:
            ac_task_abort(t);
            break;
        case SC_DETACH:
            ac_task_detach(t);
            break;
        case SC_DUMP:
            ac_task_dump(devnull);
            break;
        default:
            break;
        }
        atomic_store(&handle_done, 1);
    }
}

/* A lost wake of the root itself stops the checks below: then nothing progresses. */
static void *watchdog_thread(void *arg)
{
    (void)arg;
    unsigned last = ~0u;
    for (int idle = 0; !atomic_load(&quit); idle++) {
        unsigned now = atomic_load(&progress);
        if (now != last)
            idle = 0;
        else if (idle == 30)
            fail("no repetition finished for 30 s: a wake was lost");
        last = now;
        sleep(1);
    }
    return NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* The root: runs the repetitions and checks each one.                                        */

typedef struct {
    unsigned state;
    int result;
    unsigned rep, nreps, spins;
    unsigned long long alive_before, started_ms;
    int got, ret;
    ac_task *t;
    test_child c, deadline; /* the join (or yield, sleep); a sleep bounding the join */
} root_frame;

enum { R_START, R_DROP_JOIN, R_JOIN, R_WAIT, R_YIELD, R_SLEEP };

static bool joins(enum scenario sc)
{
    return sc != SC_ABORT && sc != SC_DETACH;
}

static void start_repetition(root_frame *f)
{
    unsigned r = f->rep;
    rec.rep = r;
    rec.sc = (enum scenario)(r % NSCENARIOS);
    rec.wake_delay = delays[(r / NSCENARIOS) % NDELAYS];
    rec.handle_delay = delays[(r / NSCENARIOS / NDELAYS) % NDELAYS];
    rec.target = 1 + (r / (NSCENARIOS * NDELAYS * NDELAYS)) % 3;
    rec.wakers_per_poll = 1 + (r / 7) % 2;
    atomic_store(&rec.polls, 0);
    atomic_store(&rec.readies, 0);
    atomic_store(&rec.drops, 0);
    atomic_store(&rec.wakes, 0);
    atomic_store(&waker_done, 0);
    atomic_store(&handle_done, 0);
    void *fr;
    f->t = ac__task_spawn(ac__task_new(&subject_type, &fr));
    atomic_store(&rec.handle, f->t);
    f->got = -1;
    f->ret = 1;
    f->started_ms = ac_now_ms();
    sem_post(&go_waker);
    sem_post(&go_handle);
}

/* The result, delivered exactly once: to the join, or to nobody when the task was dropped. */
static void check_join(root_frame *f)
{
    if (f->ret == 0) {
        if (atomic_load(&rec.readies) != 1 || f->got != (int)(1000 + rec.rep))
            fail("a join returned 0 without the task's result");
    } else if (f->ret == -ECANCELED) {
        if (atomic_load(&rec.drops) != 1 || (rec.sc != SC_CANCEL && rec.sc != SC_CANCEL_DROPPED))
            fail("a join returned -ECANCELED for a task that was not dropped by a cancel");
    } else {
        fail("a join returned neither 0 nor -ECANCELED");
    }
}

static bool repetition_over(root_frame *f)
{
    if (!atomic_load(&waker_done) || !atomic_load(&handle_done) || !finished())
        return false;
    ac_runtime_stats st;
    ac_runtime_stats_get(&st);
    return st.tasks_alive == f->alive_before; /* the subject was freed */
}

static int root_poll(void *frame, ac_cx *cx)
{
    root_frame *f = frame;
    for (;;) {
        switch (f->state) {
        case R_START: {
            if (f->rep == f->nreps) {
                f->result = 0;
                f->state = AC_STATE_DONE;
                return AC_READY;
            }
            ac_runtime_stats st;
            ac_runtime_stats_get(&st);
            f->alive_before = st.tasks_alive;
            start_repetition(f);
            if (!joins(rec.sc)) {
                f->state = R_WAIT;
                break;
            }
            ac__init_ac_task_join(f->c.bytes, f->t, &f->got, AC__RESULT_SIZE(&f->got));
            if (rec.sc == SC_DROPPED_JOIN || rec.sc == SC_CANCEL_DROPPED) {
                /* A join polled once and dropped, as by a timeout, leaves the handle joinable. */
                if (test_poll_once_then_drop(&ac__type_ac_task_join, &f->c, cx, &f->ret) ==
                    AC_READY) {
                    check_join(f);
                    f->state = R_WAIT;
                    break;
                }
                ac__init_ac_task_join(f->c.bytes, f->t, &f->got, AC__RESULT_SIZE(&f->got));
            }
            ac__init_ac_sleep_ms(f->deadline.bytes, 10000);
            f->state = R_JOIN;
            break;
        }
        case R_JOIN:
            if (test_poll_child(&ac__type_ac_task_join, &f->c, cx, &f->ret) == AC_PENDING) {
                if (test_poll_child(&ac__type_ac_sleep_ms, &f->deadline, cx, NULL) == AC_READY)
                    fail(!finished() ? "a wake was lost: the task never finished"
                                     : "a join never returned");
                return AC_PENDING;
            }
            ac__type_ac_sleep_ms.drop(f->deadline.bytes, cx);
            check_join(f);
            f->state = R_WAIT;
            break;
        case R_WAIT:
            if (repetition_over(f)) {
                if (atomic_load(&rec.readies) + atomic_load(&rec.drops) != 1)
                    fail("finished twice");
                if (rec.sc == SC_ABORT && atomic_load(&rec.readies) == 0 &&
                    atomic_load(&rec.drops) != 1)
                    fail("an aborted task was not dropped");
                f->rep++;
                atomic_store(&progress, f->rep);
                f->spins = 0;
                f->state = R_START;
                break;
            }
            if (ac_now_ms() - f->started_ms > 10000)
                fail(!finished() ? "a wake was lost: the task never finished"
                                 : "the task was not freed (or the threads did not finish)");
            /* Let the others run: yield a few times, then sleep a millisecond. */
            if (f->spins++ < 20) {
                ac__init_ac_yield(f->c.bytes);
                f->state = R_YIELD;
            } else {
                ac__init_ac_sleep_ms(f->c.bytes, 1);
                f->state = R_SLEEP;
            }
            break;
        case R_YIELD:
            if (test_poll_child(&ac__type_ac_yield, &f->c, cx, NULL) == AC_PENDING)
                return AC_PENDING;
            f->state = R_WAIT;
            break;
        case R_SLEEP:
            if (test_poll_child(&ac__type_ac_sleep_ms, &f->c, cx, NULL) == AC_PENDING)
                return AC_PENDING;
            f->state = R_WAIT;
            break;
        default:
            CHECK(0);
        }
    }
}

static const ac_future_type root_type = TEST_TYPE(root_frame, root_poll, test_no_drop);

int main(int argc, char **argv)
{
    /* Every (scenario, wake delay, handle delay, wake count) combination, several times. */
    unsigned grid = NSCENARIOS * NDELAYS * NDELAYS * 3;
    unsigned rounds = argc > 1 ? (unsigned)atoi(argv[1]) : 8;
    ac_runtime_config config;
    ac_runtime_config_default(&config);
    config.workers = 2;
    CHECK_EQ(ac_runtime_configure(&config), 0);
    devnull = fopen("/dev/null", "w");
    CHECK(devnull);
    sem_init(&go_waker, 0, 0);
    sem_init(&go_handle, 0, 0);
    pthread_t waker, handler, watchdog;
    CHECK_EQ(pthread_create(&waker, NULL, waking_thread, NULL), 0);
    CHECK_EQ(pthread_create(&handler, NULL, handle_thread, NULL), 0);
    CHECK_EQ(pthread_create(&watchdog, NULL, watchdog_thread, NULL), 0);

    void *fr;
    ac_task *t = ac__task_new(&root_type, &fr);
    memset(fr, 0, sizeof(root_frame));
    ((root_frame *)fr)->nreps = grid * rounds;
    int r = -1;
    ac__block_on(t, &r);
    CHECK_EQ(r, 0);

    atomic_store(&quit, 1);
    sem_post(&go_waker);
    sem_post(&go_handle);
    pthread_join(waker, NULL);
    pthread_join(handler, NULL);
    pthread_join(watchdog, NULL);
    ac_runtime_shutdown();
    fclose(devnull);
    printf("task_states: %u repetitions passed\n", grid * rounds);
    return 0;
}
