/* tests/runtime/test_backlog.c: tasks that I/O completions or timers wake are queued on the
 * worker that reaped them without waking a parked worker at once (runtime/worker.c's backlog
 * rule), but a backlog that lasts (here: long polls) must still wake the parked worker, which
 * steals and runs part of it. The wakes are made as the driver makes them (in_driver set).
 * Whether the parked worker's thread gets a CPU within the 40 ms the backlog lasts is the
 * scheduler's choice on a loaded machine (CI saw 0 of 8 once): rounds repeat for up to
 * TEST_RETRY_SECONDS and one round where a task ran elsewhere passes; without the rule none
 * would. */
#include <pthread.h>

#include "../../runtime/task.h"
#include "../../runtime/worker.h"
#include "test.h"

#define SLEEPERS 8
#define SPIN_MS 5

static ac_waker wakers[SLEEPERS];
static atomic_int registered;
static pthread_t ran_on[SLEEPERS];
static pthread_t driver_thread;

/* Waits once (its waker goes to wakers[id]), then burns SPIN_MS of CPU where it runs. */
typedef struct {
    unsigned state;
    int result;
    int id;
} sleeper_frame;

static int sleeper_poll(void *frame, ac_cx *cx)
{
    sleeper_frame *f = frame;
    if (f->state == 0) {
        wakers[f->id] = ac_cx_waker(cx);
        atomic_fetch_add(&registered, 1);
        f->state = 1;
        return AC_PENDING;
    }
    ran_on[f->id] = pthread_self();
    test_spin_ms(SPIN_MS);
    f->state = AC_STATE_DONE;
    return AC_READY;
}

static const ac_future_type sleeper_type = TEST_TYPE(sleeper_frame, sleeper_poll, test_no_drop);

typedef struct {
    unsigned state;
    int result;
    int i;
    ac_task *tasks[SLEEPERS];
    test_child c;
} root_frame;

static int root_poll(void *frame, ac_cx *cx)
{
    root_frame *f = frame;
    switch (f->state) {
    case 0:
        for (int i = 0; i < SLEEPERS; i++) {
            void *fr;
            f->tasks[i] = ac__task_new(&sleeper_type, &fr);
            ((sleeper_frame *)fr)->id = i;
            ac__task_spawn(f->tasks[i]);
        }
        f->state = 1;
        /* fallthrough */
    case 1:
        if (atomic_load(&registered) < SLEEPERS) {
            ac_waker_wake(ac_cx_waker(cx)); /* poll again soon */
            return AC_PENDING;
        }
        /* Give the other worker time to run out of work and park. */
        ac__init_ac_sleep_ms(f->c.bytes, 50);
        f->state = 2;
        /* fallthrough */
    case 2:
        if (test_poll_child(&ac__type_ac_sleep_ms, &f->c, cx, NULL) == AC_PENDING)
            return AC_PENDING;
        /* Wake every sleeper as a completion would, then keep this worker busy: the backlog
         * lasts far beyond the rule's age, so the parked worker must be woken to take some. */
        driver_thread = pthread_self();
        cx->worker->in_driver = true;
        for (int i = 0; i < SLEEPERS; i++)
            ac_waker_wake(wakers[i]);
        cx->worker->in_driver = false;
        test_spin_ms(SPIN_MS);
        for (f->i = 0; f->i < SLEEPERS; f->i++) {
            ac__init_ac_task_join(f->c.bytes, f->tasks[f->i], NULL, AC__RESULT_SIZE(NULL));
            f->state = 3;
            /* fallthrough */
    case 3:
            if (test_poll_child(&ac__type_ac_task_join, &f->c, cx, NULL) == AC_PENDING)
                return AC_PENDING;
        }
        f->state = AC_STATE_DONE;
        return AC_READY;
    }
    return AC_PENDING;
}

static const ac_future_type root_type = TEST_TYPE(root_frame, root_poll, test_no_drop);

int main(void)
{
    ac_runtime_config config;
    ac_runtime_config_default(&config);
    config.workers = 2;
    CHECK_EQ(ac_runtime_configure(&config), 0);
    double deadline = test_now_ms() + TEST_RETRY_SECONDS * 1e3;
    int round = 0, elsewhere;
    do {
        atomic_store(&registered, 0);
        test_block_on(&root_type);
        elsewhere = 0;
        for (int i = 0; i < SLEEPERS; i++)
            elsewhere += !pthread_equal(ran_on[i], driver_thread);
        printf("round %d: %d of %d woken tasks ran on the other worker\n", ++round, elsewhere,
               SLEEPERS);
    } while (elsewhere == 0 && test_now_ms() < deadline);
    CHECK(elsewhere > 0);
    ac_runtime_shutdown();
    return 0;
}
