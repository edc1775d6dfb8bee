/* runtime/abort.c: abort handles (Tokio's AbortHandle): a reference on a task of its own, to cancel
 * it from any thread at any time, also after its join consumed the join handle or a shutdown. */
#include <stdlib.h>

#include "asyncc/task.h"
#include "fork.h"
#include "task_state.h"
#include "worker.h"

/* Every live handle is on one list, under one lock: ac_abort holds it while it cancels, and a
 * shutdown takes each handle's reference under it before it frees the tasks that are left. */
struct ac_abort_handle {
    ac_task *task; /* NULL once a shutdown took the reference (under the lock) */
    struct ac_abort_handle *prev, *next;
};

static ac__spinlock lock;
static struct ac_abort_handle *live;

void ac__abort_before_fork(void)
{
    ac__spin_lock(&lock);
}

void ac__abort_parent_after_fork(void)
{
    ac__spin_unlock(&lock);
}

void ac__abort_after_fork(void)
{
    ac__spin_init(&lock);
}

ac_abort_handle *ac_task_abort_handle(ac_task *task)
{
    if (!task)
        return NULL;
    ac_abort_handle *h = malloc(sizeof *h);
    if (!h)
        return NULL;
    ac__task_ref(task);
    h->task = task;
    h->prev = NULL;
    ac__spin_lock(&lock);
    h->next = live;
    if (live)
        live->prev = h;
    live = h;
    ac__spin_unlock(&lock);
    return h;
}

void ac_abort(ac_abort_handle *h)
{
    if (!h)
        return;
    ac__spin_lock(&lock);
    if (h->task)
        ac_task_cancel(h->task); /* nothing for a finished task */
    ac__spin_unlock(&lock);
}

bool ac_abort_handle_is_finished(ac_abort_handle *h)
{
    if (!h)
        return true;
    ac__spin_lock(&lock);
    bool done = !h->task || ac__state_is_complete(h->task);
    ac__spin_unlock(&lock);
    return done;
}

void ac_abort_handle_release(ac_abort_handle *h)
{
    if (!h)
        return;
    ac__spin_lock(&lock);
    if (h->prev)
        h->prev->next = h->next;
    else
        live = h->next;
    if (h->next)
        h->next->prev = h->prev;
    ac_task *task = h->task;
    ac__spin_unlock(&lock);
    if (task)
        ac__task_unref(task);
    free(h);
}

void ac__abort_handles_detach(void)
{
    ac__spin_lock(&lock);
    for (ac_abort_handle *h = live; h; h = h->next) {
        if (h->task)
            ac__task_unref(h->task);
        h->task = NULL;
    }
    ac__spin_unlock(&lock);
}
