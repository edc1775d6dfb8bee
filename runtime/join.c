/* runtime/join.c: ac_task_join, the hand-written future that waits for a spawned task and
 * takes its result, consuming the join handle (also when it is dropped before finishing). */
#include <errno.h>
#include <string.h>

#include "asyncc/task.h"
#include "internal.h"

struct join_frame {
    unsigned state; /* 0: not polled, 1: join waker registered, DONE */
    int ret;
    ac_task *task;
    void *result;
};

static void take_result(struct join_frame *f, ac_task *task)
{
    f->ret = 0;
    if (f->result && task->type->result_size)
        memcpy(f->result, (char *)ac__task_frame(task) + task->type->result_offset,
               task->type->result_size);
}

static int finish(struct join_frame *f, uint64_t s)
{
    ac_task *task = f->task;
    if (s & AC__T_ABORTED)
        f->ret = -ECANCELED;
    else
        take_result(f, task);
    ac__task_release_handle(task);
    f->task = NULL;
    f->state = AC_STATE_DONE;
    return AC_READY;
}

/* The usual end of a join: the task has finished, only the handle holds it, and the budget
 * allows. One atomic step then takes the handle's reference and its JOIN_INTEREST, and the
 * task is ours to read and free. The task's line is usually cold (it finished on another
 * CPU, or long ago): a load, then an atomic update would fetch it twice. */
static bool finish_at_once(struct join_frame *f, ac_cx *cx, uint64_t *s)
{
    ac_task *task = f->task;
    uint64_t expected = AC__T_REF_ONE | AC__T_COMPLETE | AC__T_JOIN_INTEREST;
    if (!cx->budget ||
        !atomic_compare_exchange_strong_explicit(&task->state, &expected, AC__T_COMPLETE,
                                                 memory_order_acq_rel, memory_order_acquire)) {
        *s = expected;
        return false;
    }
    cx->budget--;
    take_result(f, task);
    ac__task_free(task);
    f->task = NULL;
    f->state = AC_STATE_DONE;
    return true;
}

static int join_poll(void *frame, ac_cx *cx)
{
    struct join_frame *f = frame;
    ac_task *task = f->task;
    if (!task) {
        f->ret = -EINVAL;
        f->state = AC_STATE_DONE;
        return AC_READY;
    }
    uint64_t s;
    if (finish_at_once(f, cx, &s))
        return AC_READY;
    if (!cx->budget) /* expected was not updated */
        s = atomic_load_explicit(&task->state, memory_order_acquire);
    if (s & AC__T_COMPLETE)
        return ac__coop_proceed(cx) ? finish(f, s) : AC_PENDING;
    if (f->state == 1)
        return AC_PENDING; /* our waker is registered; wakers are per task, so it is still right */
    task->join_waker = ac_cx_waker(cx);
    for (;;) {
        if (s & AC__T_COMPLETE) {
            ac_waker_drop(task->join_waker);
            task->join_waker.task = NULL;
            return finish(f, s);
        }
        if (atomic_compare_exchange_weak_explicit(&task->state, &s, s | AC__T_JOIN_WAKER,
                                                  memory_order_acq_rel, memory_order_acquire))
            break;
    }
    f->state = 1;
    return AC_PENDING;
}

static void join_drop(void *frame, ac_cx *cx)
{
    (void)cx;
    struct join_frame *f = frame;
    ac_task *task = f->task;
    if (f->state == AC_STATE_DONE || !task)
        return;
    if (f->state == 1) {
        uint64_t s = atomic_load_explicit(&task->state, memory_order_acquire);
        for (;;) {
            if (s & AC__T_COMPLETE)
                break; /* the task's completion took the waker */
            if (atomic_compare_exchange_weak_explicit(&task->state, &s,
                                                      s & ~(uint64_t)AC__T_JOIN_WAKER,
                                                      memory_order_acq_rel, memory_order_acquire)) {
                ac_waker_drop(task->join_waker);
                task->join_waker.task = NULL;
                break;
            }
        }
    }
    ac__task_release_handle(task); /* dropping the handle detaches the task, as in Tokio */
    f->task = NULL;
    f->state = AC_STATE_DONE;
}

AC__LEAF_TYPE(ac_task_join, struct join_frame, ret, join_poll, join_drop, "task");

AC_EXPORT void ac__init_ac_task_join(void *frame, ac_task *task, void *result);
void ac__init_ac_task_join(void *frame, ac_task *task, void *result)
{
    struct join_frame *f = frame;
    f->state = 0;
    f->ret = 0;
    f->task = task;
    f->result = result;
}
