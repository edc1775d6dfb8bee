/* tests/runtime/test_abort.c: cancelling tasks: ac_task_cancel then join gives -ECANCELED,
 * ac_task_abort runs the cleanups of a sleeping task and of one that never started, and
 * cancelling a finished task leaves its result; cancelling a task that waits on two things at
 * once (an odd number of references) queues it with a reference of its own. */
#include "test.h"

static atomic_int cleaned, started;

typedef struct {
    unsigned state;
    int result;
    unsigned long ms;
    test_child c;
} victim_frame;

static int victim_poll(void *frame, ac_cx *cx)
{
    victim_frame *f = frame;
    if (f->state == 0) {
        atomic_fetch_add(&started, 1);
        ac__init_ac_sleep_ms(f->c.bytes, f->ms);
        f->state = 1;
    }
    if (test_poll_child(&ac__type_ac_sleep_ms, &f->c, cx, NULL) == AC_PENDING)
        return AC_PENDING;
    f->result = 7;
    f->state = AC_STATE_DONE;
    return AC_READY;
}

static void victim_drop(void *frame, ac_cx *cx)
{
    victim_frame *f = frame;
    if (f->state == 1)
        ac__type_ac_sleep_ms.drop(f->c.bytes, cx);
    atomic_fetch_add(&cleaned, 1);
    f->state = AC_STATE_DONE;
}

static const ac_future_type victim_type = TEST_TYPE(victim_frame, victim_poll, victim_drop);

/* Waits for two sleeps at once (as a join of two futures would): two wakers, so the handle
 * and they make three references. */
typedef struct {
    unsigned state;
    int result;
    test_child a, b;
} pair_frame;

static int pair_poll(void *frame, ac_cx *cx)
{
    pair_frame *f = frame;
    if (f->state == 0) {
        atomic_fetch_add(&started, 1);
        ac__init_ac_sleep_ms(f->a.bytes, 100000);
        ac__init_ac_sleep_ms(f->b.bytes, 200000);
        f->state = 1;
    }
    int a = test_poll_child(&ac__type_ac_sleep_ms, &f->a, cx, NULL);
    int b = test_poll_child(&ac__type_ac_sleep_ms, &f->b, cx, NULL);
    CHECK(a == AC_PENDING && b == AC_PENDING);
    return AC_PENDING;
}

static void pair_drop(void *frame, ac_cx *cx)
{
    pair_frame *f = frame;
    if (f->state == 1) {
        ac__type_ac_sleep_ms.drop(f->a.bytes, cx);
        ac__type_ac_sleep_ms.drop(f->b.bytes, cx);
    }
    atomic_fetch_add(&cleaned, 1);
    f->state = AC_STATE_DONE;
}

static const ac_future_type pair_type = TEST_TYPE(pair_frame, pair_poll, pair_drop);

static ac_task *spawn_victim(unsigned long ms)
{
    void *fr;
    ac_task *t = ac__task_new(&victim_type, &fr);
    ((victim_frame *)fr)->ms = ms;
    return ac__task_spawn(t);
}

typedef struct {
    unsigned state;
    int result;
    int got, ret, base, cleaned_before;
    ac_task *t;
    test_child c;
} root_frame;

/* Polls a yield child in f->c; the root loops on yields while it waits for other tasks. */
#define YIELD_UNTIL(cond, st)                                                   \
    case st:                                                                    \
        while (!(cond)) {                                                       \
            if (f->state != (st) + 100) {                                       \
                ac__init_ac_yield(f->c.bytes);                                  \
                f->state = (st) + 100;                                          \
            }                                                                   \
            if (test_poll_child(&ac__type_ac_yield, &f->c, cx, NULL) == AC_PENDING) \
                return AC_PENDING;                                              \
            f->state = st;                                                      \
        }

static int root_poll(void *frame, ac_cx *cx)
{
    root_frame *f = frame;
    unsigned st = f->state >= 100 && f->state != AC_STATE_DONE ? f->state - 100 : f->state;
    switch (st) {
    case 0:
        /* 1. cancel a sleeping task and join it. */
        f->t = spawn_victim(100000);
        f->state = 1;
        YIELD_UNTIL(atomic_load(&started) == 1, 1)
        ac_task_cancel(f->t);
        ac_task_cancel(f->t); /* twice does nothing more */
        ac__init_ac_task_join(f->c.bytes, f->t, &f->got, AC__RESULT_SIZE(&f->got));
        f->state = 2;
        /* fallthrough */
    case 2:
        if (test_poll_child(&ac__type_ac_task_join, &f->c, cx, &f->ret) == AC_PENDING)
            return AC_PENDING;
        CHECK_EQ(f->ret, -ECANCELED);
        CHECK_EQ(atomic_load(&cleaned), 1);
        /* 2. abort a sleeping task: its cleanup runs although nobody joins it. */
        f->t = spawn_victim(100000);
        f->state = 3;
        YIELD_UNTIL(atomic_load(&started) == 2, 3)
        ac_task_abort(f->t);
        f->state = 4;
        YIELD_UNTIL(atomic_load(&cleaned) == 2, 4)
        /* 3. abort a task before it ever ran. */
        ac_task_abort(spawn_victim(100000));
        f->state = 5;
        YIELD_UNTIL(atomic_load(&cleaned) == 3, 5)
        CHECK_EQ(atomic_load(&started), 2);
        /* 4. a finished task: cancel changes nothing, join gives its result. */
        f->t = spawn_victim(1);
        f->state = 6;
        ac__init_ac_sleep_ms(f->c.bytes, 50);
        /* fallthrough */
    case 6:
        if (test_poll_child(&ac__type_ac_sleep_ms, &f->c, cx, NULL) == AC_PENDING)
            return AC_PENDING;
        ac_task_cancel(f->t);
        f->got = 0;
        ac__init_ac_task_join(f->c.bytes, f->t, &f->got, AC__RESULT_SIZE(&f->got));
        f->state = 7;
        /* fallthrough */
    case 7:
        if (test_poll_child(&ac__type_ac_task_join, &f->c, cx, &f->ret) == AC_PENDING)
            return AC_PENDING;
        /* The victim may have been cancelled before its 1 ms sleep ended on a slow machine;
         * otherwise it finished and its result is there. */
        if (f->ret == 0)
            CHECK_EQ(f->got, 7);
        else
            CHECK_EQ(f->ret, -ECANCELED);
        /* 5. cancel a task holding two wakers, then join it: it is dropped and freed. */
        f->base = atomic_load(&started);
        f->cleaned_before = atomic_load(&cleaned);
        {
            void *fr;
            f->t = ac__task_spawn(ac__task_new(&pair_type, &fr));
        }
        f->state = 8;
        YIELD_UNTIL(atomic_load(&started) == f->base + 1, 8)
        ac_task_cancel(f->t);
        ac__init_ac_task_join(f->c.bytes, f->t, NULL, AC__RESULT_SIZE(NULL));
        f->state = 9;
        /* fallthrough */
    case 9:
        if (test_poll_child(&ac__type_ac_task_join, &f->c, cx, &f->ret) == AC_PENDING)
            return AC_PENDING;
        CHECK_EQ(f->ret, -ECANCELED);
        CHECK_EQ(atomic_load(&cleaned), f->cleaned_before + 1);
        {
            ac_runtime_stats stats;
            ac_runtime_stats_get(&stats);
            CHECK_EQ(stats.tasks_alive, 1); /* this one */
        }
        f->result = atomic_load(&cleaned);
        f->state = AC_STATE_DONE;
        return AC_READY;
    default:
        CHECK(0);
    }
    return AC_PENDING;
}

static const ac_future_type root_type = TEST_TYPE(root_frame, root_poll, test_no_drop);

int main(void)
{
    void *fr;
    ac_task *t = ac__task_new(&root_type, &fr);
    int r = -1;
    ac__block_on(t, &r);
    CHECK_INT(>=, r, 4); /* the task of step 4 is dropped if it was cancelled in time */
    ac_runtime_shutdown();
    CHECK_EQ(atomic_load(&cleaned), r);
    return 0;
}
