/* tests/runtime/test_yield.c: ac_yield lets the other ready tasks run: two tasks that each yield
 * in a loop on a one-worker runtime must interleave, and every yield costs exactly one poll. */
#include "test.h"

#define ROUNDS 1000

static int trace[2 * ROUNDS + 8];
static atomic_int trace_len;

typedef struct {
    unsigned state;
    int result;
    int id, left;
    test_child c;
} yielder_frame;

static int yielder_poll(void *frame, ac_cx *cx)
{
    yielder_frame *f = frame;
    for (;;) {
        if (f->state == 1 && test_poll_child(&ac__type_ac_yield, &f->c, cx, NULL) == AC_PENDING)
            return AC_PENDING;
        if (f->left == 0) {
            f->state = AC_STATE_DONE;
            return AC_READY;
        }
        trace[atomic_fetch_add(&trace_len, 1)] = f->id;
        f->left--;
        ac__init_ac_yield(f->c.bytes);
        f->state = 1;
    }
}

static const ac_future_type yielder_type = TEST_TYPE(yielder_frame, yielder_poll, test_no_drop);

typedef struct {
    unsigned state;
    int result;
    int k;
    ac_task *a, *b;
    test_child c;
} root_frame;

static ac_task *spawn_yielder(int id)
{
    void *fr;
    ac_task *t = ac__task_new(&yielder_type, &fr);
    yielder_frame *f = fr;
    f->id = id;
    f->left = ROUNDS;
    return ac__task_spawn(t);
}

static int root_poll(void *frame, ac_cx *cx)
{
    root_frame *f = frame;
    if (f->state == 0) {
        f->a = spawn_yielder(0);
        f->b = spawn_yielder(1);
        ac__init_ac_task_join(f->c.bytes, f->a, NULL, AC__RESULT_SIZE(NULL));
        f->state = 1;
    }
    if (f->state == 1) {
        if (test_poll_child(&ac__type_ac_task_join, &f->c, cx, NULL) == AC_PENDING)
            return AC_PENDING;
        ac__init_ac_task_join(f->c.bytes, f->b, NULL, AC__RESULT_SIZE(NULL));
        f->state = 2;
    }
    if (test_poll_child(&ac__type_ac_task_join, &f->c, cx, NULL) == AC_PENDING)
        return AC_PENDING;
    f->result = 0;
    f->state = AC_STATE_DONE;
    return AC_READY;
}

static const ac_future_type root_type = TEST_TYPE(root_frame, root_poll, test_no_drop);

int main(void)
{
    ac_runtime_config cfg;
    ac_runtime_config_default(&cfg);
    cfg.workers = 1;
    CHECK_EQ(ac_runtime_configure(&cfg), 0);
    void *fr;
    ac_task *t = ac__task_new(&root_type, &fr);
    ac__block_on(t, NULL);
    CHECK_EQ(atomic_load(&trace_len), 2 * ROUNDS);
    /* After both started, a yield hands over to the other task every time. */
    int switches = 0;
    for (int i = 1; i < 2 * ROUNDS; i++)
        switches += trace[i] != trace[i - 1];
    CHECK_INT(>=, switches, 2 * ROUNDS - 3);
    ac_runtime_stats st;
    ac_runtime_stats_get(&st);
    /* root: 3 polls at most; each yielder: ROUNDS + 1 polls. */
    CHECK_INT(<=, st.polls, 2 * (ROUNDS + 1) + 3);
    CHECK_EQ(ac_runtime_configure(&cfg), -EBUSY);
    ac_runtime_shutdown();
    return 0;
}
