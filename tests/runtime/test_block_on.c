/* tests/runtime/test_block_on.c: ac__block_on from plain C, several times, on the
 * current-thread runtime (every poll on the calling thread), then on multi-thread runtimes sized
 * by the configuration and by ASYNCC_WORKERS. */
#include <pthread.h>

#include "test.h"

static pthread_t main_thread;
static atomic_int off_main_polls;

typedef struct {
    unsigned state;
    int result;
    int x;
    test_child c;
} child_frame;

static int child_poll(void *frame, ac_cx *cx)
{
    child_frame *f = frame;
    if (!pthread_equal(pthread_self(), main_thread))
        atomic_fetch_add(&off_main_polls, 1);
    if (f->state == 0) {
        ac__init_ac_sleep_ms(f->c.bytes, 5);
        f->state = 1;
    }
    if (test_poll_child(&ac__type_ac_sleep_ms, &f->c, cx, NULL) == AC_PENDING)
        return AC_PENDING;
    f->result = f->x + 1;
    f->state = AC_STATE_DONE;
    return AC_READY;
}

static const ac_future_type child_type = TEST_TYPE(child_frame, child_poll, test_no_drop);

typedef struct {
    unsigned state;
    int result;
    int got;
    ac_task *t;
    test_child c;
} root_frame;

static int root_poll(void *frame, ac_cx *cx)
{
    root_frame *f = frame;
    if (!pthread_equal(pthread_self(), main_thread))
        atomic_fetch_add(&off_main_polls, 1);
    if (f->state == 0) {
        void *fr;
        f->t = ac__task_new(&child_type, &fr);
        ((child_frame *)fr)->x = f->result;
        ac__task_spawn(f->t);
        ac__init_ac_task_join(f->c.bytes, f->t, &f->got, AC__RESULT_SIZE(&f->got));
        f->state = 1;
    }
    int ret;
    if (test_poll_child(&ac__type_ac_task_join, &f->c, cx, &ret) == AC_PENDING)
        return AC_PENDING;
    CHECK_EQ(ret, 0);
    f->result = f->got * 2;
    f->state = AC_STATE_DONE;
    return AC_READY;
}

static const ac_future_type root_type = TEST_TYPE(root_frame, root_poll, test_no_drop);

static int run(int x)
{
    void *fr;
    ac_task *t = ac__task_new(&root_type, &fr);
    ((root_frame *)fr)->result = x;
    int r = -1;
    ac__block_on(t, &r);
    return r;
}

int main(void)
{
    main_thread = pthread_self();
    ac_runtime_config cfg = {0};
    cfg.current_thread = 1;
    CHECK_EQ(ac_runtime_configure(&cfg), 0);
    for (int i = 0; i < 5; i++)
        CHECK_EQ(run(i), (i + 1) * 2);
    CHECK_EQ(atomic_load(&off_main_polls), 0);
    ac_runtime_stats st;
    ac_runtime_stats_get(&st);
    CHECK_EQ(st.workers, 1);
    ac_runtime_shutdown();

    cfg.current_thread = 0;
    cfg.workers = 2;
    CHECK_EQ(ac_runtime_configure(&cfg), 0);
    for (int i = 0; i < 5; i++)
        CHECK_EQ(run(i + 10), (i + 11) * 2);
    ac_runtime_stats_get(&st);
    CHECK_EQ(st.workers, 2);
    ac_runtime_shutdown();

    /* The default configuration takes the worker count from ASYNCC_WORKERS. */
    cfg.workers = 0;
    CHECK_EQ(ac_runtime_configure(&cfg), 0);
    setenv("ASYNCC_WORKERS", "3", 1);
    CHECK_EQ(run(1), 4);
    ac_runtime_stats_get(&st);
    CHECK_EQ(st.workers, 3);
    ac_runtime_shutdown();
    return 0;
}
