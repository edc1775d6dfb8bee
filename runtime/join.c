/* runtime/join.c: ac_task_join, the hand-written future that waits for a spawned task and
 * takes its result (checking its size), consuming the handle; a join dropped leaves it as it was. */
#include <errno.h>
#include <string.h>

#include "asyncc/task.h"
#include "task_state.h"

struct join_frame {
    unsigned state; /* 0: not polled, 1: join waker registered, DONE */
    int ret;
    ac_task *task;
    void *result;
    size_t result_size; /* sizeof *result at the call, 0 when unknown */
};

void ac__join_check_size(const char *who, const ac_future_type *type, size_t result_size)
{
    if (!result_size || result_size == type->result_size)
        return;
    if (!type->result_size)
        ac__panic("%s: the task runs %s, which returns nothing, but a variable of %zu bytes was "
                  "given for its result (pass NULL)",
                  who, type->name, result_size);
    ac__panic("%s: the task runs %s, which returns %zu bytes, but the variable given for its "
              "result has %zu bytes: it must have %s's return type",
              who, type->name, type->result_size, result_size, type->name);
}

static void take_result(struct join_frame *f, ac_task *task)
{
    f->ret = 0;
    if (f->result && task->type->result_size)
        memcpy(f->result, (char *)ac__task_frame(task) + task->type->result_offset,
               task->type->result_size);
}

static int finish(struct join_frame *f, enum ac__join_outcome how)
{
    ac_task *task = f->task;
    if (how == AC__JOIN_ABORTED)
        f->ret = -ECANCELED;
    else
        take_result(f, task);
    if (how == AC__JOIN_TAKEN)
        ac__task_free(task);
    else
        ac__task_release_handle(task);
    f->task = NULL;
    f->state = AC_STATE_DONE;
    return AC_READY;
}

static int join_poll(void *frame, ac_cx *cx)
{
    struct join_frame *f = frame;
    ac_task *task = f->task;
    if (!task) {
        /* Completes at once: a loop over it must still let others run. */
        if (!ac__coop_proceed(cx))
            return AC_PENDING;
        f->ret = -EINVAL;
        f->state = AC_STATE_DONE;
        return AC_READY;
    }
    if (f->state == 0 && f->result)
        ac__join_check_size("ac_task_join", task->type, f->result_size);
    /* The usual end: the task finished and only the handle holds it; one compare-and-swap
     * takes it (when the budget allows: a join that takes a result charges it). */
    enum ac__join_outcome how = cx->budget ? ac__state_join_take(task) : ac__state_join_peek(task);
    if (how == AC__JOIN_TAKEN) {
        ac__coop_charge(cx);
        return finish(f, how);
    }
    if (how != AC__JOIN_PENDING)
        return ac__coop_proceed(cx) ? finish(f, how) : AC_PENDING;
    if (f->state == 1)
        return AC_PENDING; /* our waker is registered; wakers are per task, so it is still right */
    task->join_waker = ac_cx_waker(cx);
    if (ac__state_set_join_waker(task) == AC__JOIN_WAKER_COMPLETE) {
        ac_waker_drop(task->join_waker);
        task->join_waker.task = NULL;
        return finish(f, ac__state_join_peek(task));
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
    /* Unless the task's completion took our waker already, it is ours to drop. */
    if (f->state == 1 && ac__state_unset_join_waker(task) == AC__JOIN_WAKER_OK) {
        ac_waker_drop(task->join_waker);
        task->join_waker.task = NULL;
    }
    /* The handle stays the caller's: a join cancelled by a timeout may be tried again (Tokio's
     * `timeout(d, &mut handle)`). */
    f->task = NULL;
    f->state = AC_STATE_DONE;
}

AC__LEAF_TYPE(ac_task_join, struct join_frame, ret, join_poll, join_drop, "task");

AC_EXPORT void ac__init_ac_task_join(void *frame, ac_task *task, void *result, size_t result_size);
void ac__init_ac_task_join(void *frame, ac_task *task, void *result, size_t result_size)
{
    struct join_frame *f = frame;
    f->state = 0;
    f->ret = 0;
    f->task = task;
    f->result = result;
    f->result_size = result_size;
}
