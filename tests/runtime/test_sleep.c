/* tests/runtime/test_sleep.c: ac_sleep_ms never wakes early, on every worker; timers fire in
 * deadline order (ac_sleep_until on one wheel), including 0 ms and deadlines beyond level 0.
 * A sleeper whose deadline has passed by its first poll completes in that poll, in poll order
 * (under valgrind on a loaded machine the first polls of 40 sleepers took longer than 45 ms and
 * sleepers 3, 2, 1 finished in that order): the order is checked among the timers that waited. */
#include <stdbool.h>
#include <time.h>

#include "test.h"

#define NSLEEPERS 40

static atomic_int order[NSLEEPERS];
static atomic_bool due_at_once[NSLEEPERS]; /* by id: ready in its first poll */
static atomic_int finished;
static unsigned long long base;
static int use_until;

extern const ac_future_type ac__type_ac_sleep_until;
void ac__init_ac_sleep_until(void *frame, unsigned long long deadline_ms);

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

typedef struct {
    unsigned state;
    int result;
    unsigned long ms;
    long long start;
    int id;
    test_child c;
} sleeper_frame;

static int sleeper_poll(void *frame, ac_cx *cx)
{
    sleeper_frame *f = frame;
    bool first = f->state == 0;
    if (f->state == 0) {
        f->start = now_ms();
        if (use_until)
            ac__init_ac_sleep_until(f->c.bytes, base + f->ms);
        else
            ac__init_ac_sleep_ms(f->c.bytes, f->ms);
        f->state = 1;
    }
    if (test_poll_child(use_until ? &ac__type_ac_sleep_until : &ac__type_ac_sleep_ms, &f->c, cx,
                        NULL) == AC_PENDING)
        return AC_PENDING;
    long long took = now_ms() - f->start;
    if (use_until)
        CHECK_INT(>=, ac_now_ms(), base + f->ms);
    else
        CHECK_INT(>=, took + 1, (long long)f->ms); /* +1: now_ms truncates */
    due_at_once[f->id] = first;
    order[atomic_fetch_add(&finished, 1)] = f->id;
    f->result = 0;
    f->state = AC_STATE_DONE;
    return AC_READY;
}

static const ac_future_type sleeper_type = TEST_TYPE(sleeper_frame, sleeper_poll, test_no_drop);

typedef struct {
    unsigned state;
    int result;
    int i;
    ac_task *tasks[NSLEEPERS];
    test_child c;
} root_frame;

static int root_poll(void *frame, ac_cx *cx)
{
    root_frame *f = frame;
    if (f->state == 0) {
        /* Spawned in reverse so that the order of completion cannot come from spawn order. */
        base = ac_now_ms();
        for (int i = NSLEEPERS - 1; i >= 0; i--) {
            void *fr;
            ac_task *t = ac__task_new(&sleeper_type, &fr);
            sleeper_frame *sf = fr;
            sf->id = i;
            sf->ms = (unsigned long)i * 15; /* 0 .. 585 ms: crosses level 0 (64 ms) */
            f->tasks[i] = ac__task_spawn(t);
        }
        f->i = 0;
        ac__init_ac_task_join(f->c.bytes, f->tasks[0], NULL, AC__RESULT_SIZE(NULL));
        f->state = 1;
    }
    for (;;) {
        if (test_poll_child(&ac__type_ac_task_join, &f->c, cx, NULL) == AC_PENDING)
            return AC_PENDING;
        if (++f->i == NSLEEPERS)
            break;
        ac__init_ac_task_join(f->c.bytes, f->tasks[f->i], NULL, AC__RESULT_SIZE(NULL));
    }
    f->result = 0;
    f->state = AC_STATE_DONE;
    return AC_READY;
}

static const ac_future_type root_type = TEST_TYPE(root_frame, root_poll, test_no_drop);

static void run(void)
{
    void *fr;
    long long start = now_ms();
    atomic_store(&finished, 0);
    ac_task *t = ac__task_new(&root_type, &fr);
    ac__block_on(t, NULL);
    CHECK_INT(>=, now_ms() - start + 1, (NSLEEPERS - 1) * 15);
    CHECK_EQ(atomic_load(&finished), NSLEEPERS);
}

int main(void)
{
    /* Multi-threaded: relative sleeps, never early (order across wheels depends on scheduling). */
    run();
    ac_runtime_shutdown();

    /* One wheel, absolute deadlines from one clock reading: strictly in order. */
    ac_runtime_config cfg = {0};
    cfg.current_thread = 1;
    CHECK_EQ(ac_runtime_configure(&cfg), 0);
    use_until = 1;
    run();
    int last = -1, waited = 0;
    for (int i = 0; i < NSLEEPERS; i++) {
        if (due_at_once[order[i]])
            continue;
        CHECK_INT(>, order[i], last);
        last = order[i];
        waited++;
    }
    printf("sleep: %d of %d timers waited on the wheel, in deadline order\n", waited, NSLEEPERS);
    CHECK_INT(>, waited, 0);
    ac_runtime_shutdown();
    return 0;
}
