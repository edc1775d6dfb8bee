/* tests/runtime/test_spawn_join.c: spawning tasks from a task and joining their typed results,
 * on the multi-threaded runtime; each child yields a few times so tasks move between workers. */
#include "test.h"

#define NTASKS 2000

typedef struct {
    unsigned state;
    int result;
    int value, yields;
    test_child c;
} child_frame;

static int child_poll(void *frame, ac_cx *cx)
{
    child_frame *f = frame;
    for (;;) {
        if (f->state == 1) {
            if (test_poll_child(&ac__type_ac_yield, &f->c, cx, NULL) == AC_PENDING)
                return AC_PENDING;
            f->yields--;
        }
        if (f->yields > 0) {
            ac__init_ac_yield(f->c.bytes);
            f->state = 1;
            continue;
        }
        f->result = f->value * 2;
        f->state = AC_STATE_DONE;
        return AC_READY;
    }
}

static const ac_future_type child_type = TEST_TYPE(child_frame, child_poll, test_no_drop);

typedef struct {
    unsigned state;
    int result;
    int i;
    int got;
    long long sum;
    ac_task **tasks;
    test_child c;
} root_frame;

static void start_join(root_frame *f)
{
    ac__init_ac_task_join(f->c.bytes, f->tasks[f->i], &f->got, AC__RESULT_SIZE(&f->got));
}

static int root_poll(void *frame, ac_cx *cx)
{
    root_frame *f = frame;
    if (f->state == 0) {
        f->tasks = malloc(sizeof(ac_task *) * NTASKS);
        for (int i = 0; i < NTASKS; i++) {
            void *fr;
            ac_task *t = ac__task_new(&child_type, &fr);
            child_frame *cf = fr;
            cf->value = i;
            cf->yields = i % 5;
            f->tasks[i] = ac__task_spawn(t);
        }
        f->i = 0;
        f->sum = 0;
        start_join(f);
        f->state = 1;
    }
    for (;;) {
        int ret;
        if (test_poll_child(&ac__type_ac_task_join, &f->c, cx, &ret) == AC_PENDING)
            return AC_PENDING;
        CHECK_EQ(ret, 0);
        CHECK_EQ(f->got, f->i * 2);
        f->sum += f->got;
        if (++f->i == NTASKS)
            break;
        start_join(f);
    }
    free(f->tasks);
    f->result = (int)(f->sum % 1000003);
    f->state = AC_STATE_DONE;
    return AC_READY;
}

static const ac_future_type root_type = TEST_TYPE(root_frame, root_poll, test_no_drop);

int main(void)
{
    for (int round = 0; round < 3; round++) {
        void *fr;
        ac_task *t = ac__task_new(&root_type, &fr);
        int result = -1;
        ac__block_on(t, &result);
        long long expect = (long long)NTASKS * (NTASKS - 1);
        CHECK_EQ(result, expect % 1000003);
    }
    ac_runtime_stats st;
    ac_runtime_stats_get(&st);
    CHECK_EQ(st.tasks_spawned, 3 * (NTASKS + 1));
    CHECK(st.polls >= 3 * (NTASKS + 1));
    printf("workers %u polls %llu steals %llu parks %llu\n", st.workers,
           (unsigned long long)st.polls, (unsigned long long)st.steals,
           (unsigned long long)st.parks);
    ac_runtime_shutdown();
    return 0;
}
