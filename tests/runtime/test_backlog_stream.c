/* tests/runtime/test_backlog_stream.c: a steady stream of wakes that keeps a worker's queue from
 * ever emptying, while each task in it waits only briefly, is no old backlog: the idle worker
 * must leave it alone (runtime/worker.c dates the backlog again each time the tasks it was
 * dated by have left). Before, the backlog's age ran from when the queue was last empty, and
 * the idle worker took the stream over every few milliseconds. A worker that the machine stops
 * for over 2 ms counts as stuck and loses the stream to the other one, rightly: on a loaded
 * machine (TSan beside other tests: 3 moves) a round may see that, so rounds repeat for up to
 * TEST_RETRY_SECONDS and one with at most 2 moves passes; before, every round had dozens. */
#include <pthread.h>

#include "../../runtime/task.h"
#include "../../runtime/worker.h"
#include "test.h"

#define HOPS 2000  /* about 200 ms of stream */
#define HOP_US 100 /* far below the backlog rule's 3 ms */
#define SETTLE 10  /* hops before both relays share a worker */

static ac_waker wakers[2];
static atomic_int registered;
static int hops, moves;
static pthread_t last_thread;

/* Two relays wake each other as I/O completions would (in_driver), after HOP_US of work each:
 * one of them is always queued. Relay 1 starts the stream once relay 0 waits. */
typedef struct {
    unsigned state;
    int result;
    int id;
} relay_frame;

static int relay_poll(void *frame, ac_cx *cx)
{
    relay_frame *f = frame;
    if (f->state == 0) {
        f->state = 1;
        if (f->id == 0) {
            wakers[0] = ac_cx_waker(cx);
            atomic_store(&registered, 1);
            return AC_PENDING;
        }
    }
    if (hops++ > SETTLE && !pthread_equal(pthread_self(), last_thread))
        moves++;
    last_thread = pthread_self();
    test_spin_ms(HOP_US / 1000.0);
    bool last = hops >= HOPS;
    if (!last)
        wakers[f->id] = ac_cx_waker(cx);
    ac_waker other = wakers[!f->id];
    wakers[!f->id].task = NULL;
    cx->worker->in_driver = true;
    if (other.task)
        ac_waker_wake(other);
    cx->worker->in_driver = false;
    if (!last)
        return AC_PENDING;
    f->state = AC_STATE_DONE;
    return AC_READY;
}

static const ac_future_type relay_type = TEST_TYPE(relay_frame, relay_poll, test_no_drop);

typedef struct {
    unsigned state;
    int result;
    int i;
    ac_task *relays[2];
    test_child c;
} root_frame;

static int root_poll(void *frame, ac_cx *cx)
{
    root_frame *f = frame;
    void *fr;
    switch (f->state) {
    case 0:
        f->relays[0] = ac__task_new(&relay_type, &fr);
        ((relay_frame *)fr)->id = 0;
        ac__task_spawn(f->relays[0]);
        f->state = 1;
        /* fallthrough */
    case 1:
        if (!atomic_load(&registered)) {
            ac_waker_wake(ac_cx_waker(cx)); /* poll again soon */
            return AC_PENDING;
        }
        f->relays[1] = ac__task_new(&relay_type, &fr);
        ((relay_frame *)fr)->id = 1;
        ac__task_spawn(f->relays[1]);
        for (f->i = 0; f->i < 2; f->i++) {
            ac__init_ac_task_join(f->c.bytes, f->relays[f->i], NULL, AC__RESULT_SIZE(NULL));
            f->state = 2;
            /* fallthrough */
    case 2:
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
    do {
        hops = moves = 0;
        wakers[0].task = wakers[1].task = NULL;
        atomic_store(&registered, 0);
        test_block_on(&root_type);
        printf("the stream of %d wakes moved between the workers %d times\n", hops, moves);
        CHECK_INT(>=, hops, HOPS);
    } while (moves > 2 && test_now_ms() < deadline);
    /* A worker that the machine stops for over 2 ms may lose the stream once or twice. */
    CHECK_INT(<=, moves, 2);
    ac_runtime_shutdown();
    return 0;
}
