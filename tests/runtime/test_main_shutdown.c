/* tests/runtime/test_main_shutdown.c: async main's runtime (ac__main): the exit status is main's
 * value, and tasks still pending when main returns are dropped with their cleanups, freed. */
#include "test.h"

#define NPENDING 100

static atomic_int cleaned, started;

typedef struct {
    unsigned state;
    int result;
    test_child c;
} forever_frame;

static int forever_poll(void *frame, ac_cx *cx)
{
    forever_frame *f = frame;
    if (f->state == 0) {
        atomic_fetch_add(&started, 1);
        ac__init_ac_sleep_ms(f->c.bytes, 1000000);
        f->state = 1;
    }
    if (test_poll_child(&ac__type_ac_sleep_ms, &f->c, cx, NULL) == AC_PENDING)
        return AC_PENDING;
    f->state = AC_STATE_DONE;
    return AC_READY;
}

static void forever_drop(void *frame, ac_cx *cx)
{
    forever_frame *f = frame;
    if (f->state == 1)
        ac__type_ac_sleep_ms.drop(f->c.bytes, cx);
    /* A frame from the arena, as a cross-file callee would have: freed by the cleanup. */
    atomic_fetch_add(&cleaned, 1);
}

static const ac_future_type forever_type = TEST_TYPE(forever_frame, forever_poll, forever_drop);

typedef struct {
    unsigned state;
    int result;
    ac_task *kept[NPENDING];
    test_child c;
} main_frame;

static int main_poll(void *frame, ac_cx *cx)
{
    main_frame *f = frame;
    if (f->state == 0) {
        for (int i = 0; i < NPENDING; i++) {
            void *fr;
            ac_task *t = ac__task_spawn(ac__task_new(&forever_type, &fr));
            if (i % 2)
                ac_task_detach(t);
            else
                f->kept[i] = t; /* a handle never joined: shutdown frees the task anyway */
        }
        f->state = 1;
    }
    while (atomic_load(&started) < NPENDING / 2) {
        if (f->state != 2) {
            ac__init_ac_yield(f->c.bytes);
            f->state = 2;
        }
        if (test_poll_child(&ac__type_ac_yield, &f->c, cx, NULL) == AC_PENDING)
            return AC_PENDING;
        f->state = 1;
    }
    f->result = 42;
    f->state = AC_STATE_DONE;
    return AC_READY;
}

static const ac_future_type main_type = TEST_TYPE(main_frame, main_poll, test_no_drop);

int main(void)
{
    void *fr;
    ac_task *t = ac__task_new(&main_type, &fr);
    int status = ac__main(t);
    CHECK_EQ(status, 42);
    CHECK_EQ(atomic_load(&cleaned), NPENDING);
    ac_runtime_stats st;
    ac_runtime_stats_get(&st);
    CHECK_EQ(st.workers, 0); /* the runtime is gone */
    return 0;
}
