/* tests/runtime/test_yield_alone.c: a task that yields with nothing else to run stays on its
 * worker: it runs again at once there, so the yield neither wakes the other worker nor counts as
 * a backlog that the other worker would take (it used to ping-pong between them, a park and a
 * wake on each trip). */
#include "stress.h"
#include "test.h"

#define RUN_MS 50

typedef struct {
    unsigned state;
    int result;
    long rounds;
    unsigned long long until;
    test_child c;
} yielder_frame;

static int yielder_poll(void *frame, ac_cx *cx)
{
    yielder_frame *f = frame;
    for (;;) {
        if (f->state == 1 && test_poll_child(&ac__type_ac_yield, &f->c, cx, NULL) == AC_PENDING)
            return AC_PENDING;
        if (ac_now_ms() >= f->until) {
            f->result = (int)f->rounds;
            f->state = AC_STATE_DONE;
            return AC_READY;
        }
        f->rounds++;
        ac__init_ac_yield(f->c.bytes);
        f->state = 1;
    }
}

static const ac_future_type yielder_type = TEST_TYPE(yielder_frame, yielder_poll, test_no_drop);

typedef struct {
    CO_HEAD;
    ac_runtime_stats before;
    int rounds;
} root_frame;

static int root_poll(void *frame, ac_cx *cx)
{
    root_frame *f = frame;
    CO_BEGIN(f);
    /* Let the other worker go back to sleep after the wake that started this task. */
    CO_AWAIT(f, ac__type_ac_sleep_ms, ac__init_ac_sleep_ms(f->c.bytes, 20), NULL);
    ac_runtime_stats_get(&f->before);
    {
        void *fr;
        ac_task *t = ac__task_new(&yielder_type, &fr);
        ((yielder_frame *)fr)->until = ac_now_ms() + RUN_MS;
        CO_AWAIT(f, ac__type_ac_task_join,
                 ac__init_ac_task_join(f->c.bytes, ac__task_spawn(t), &f->rounds, AC__RESULT_SIZE(&f->rounds)), NULL);
    }
    {
        ac_runtime_stats after;
        ac_runtime_stats_get(&after);
        long steals = (long)(after.steals - f->before.steals);
        long parks = (long)(after.parks - f->before.parks);
        printf("%d yields in %d ms: %ld steals, %ld parks\n", f->rounds, RUN_MS, steals, parks);
        /* The other worker may take the task once if it was woken just before; it must not
         * follow it around. */
        CHECK_INT(<=, steals, 2);
        CHECK_INT(<=, parks, 2 + RUN_MS / 10);
    }
    CO_RETURN(f, 0);
    CO_END(f);
}

static const ac_future_type root_type = TEST_TYPE(root_frame, root_poll, co_drop);

int main(void)
{
    stress_watchdog(60);
    ac_runtime_config cfg;
    ac_runtime_config_default(&cfg);
    cfg.workers = 2;
    CHECK_EQ(ac_runtime_configure(&cfg), 0);
    CHECK_EQ(test_block_on(&root_type), 0);
    ac_runtime_shutdown();
    return 0;
}
