/* runtime/taskgroup.c: ac_task_group (Tokio's JoinSet): each member is joined by a small watcher
 * task that moves it to the group's ready list when it finishes; join_next takes from there. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "asyncc/task.h"
#include "asyncc/taskgroup.h"
#include "nofork.h"
#include "task.h"
#include "task_state.h"

extern const ac_future_type ac__type_ac_task_join;
void ac__init_ac_task_join(void *frame, ac_task *task, void *result, size_t result_size);

struct member {
    struct member *next, *prev;
    ac_task *task; /* a reference of our own, so abort_all can reach it while it is joined */
    int ret;
    _Alignas(16) unsigned char result[]; /* task->type->result_size bytes */
};

struct list {
    struct member *head, *tail;
};

struct ac_task_group {
    ac__spinlock lock;
    unsigned refs;  /* the user's, and one per watcher */
    bool freed;     /* ac_task_group_free was called */
    size_t len;     /* running + ready */
    struct list running, ready;
    ac_waker waiter; /* join_next's */
};

static void push(struct list *l, struct member *m)
{
    m->next = NULL;
    m->prev = l->tail;
    if (l->tail)
        l->tail->next = m;
    else
        l->head = m;
    l->tail = m;
}

static void unlink_member(struct list *l, struct member *m)
{
    if (m->prev)
        m->prev->next = m->next;
    else
        l->head = m->next;
    if (m->next)
        m->next->prev = m->prev;
    else
        l->tail = m->prev;
}

static void retire(struct member *m)
{
    ac__task_unref(m->task);
    free(m);
}

/* Drops one reference (lock held, released here); the last frees the group. */
static void group_unref_unlock(ac_task_group *g)
{
    bool last = --g->refs == 0;
    ac__sync_unlock(&g->lock);
    if (!last)
        return;
    for (struct member *m = g->ready.head, *next; m; m = next) {
        next = m->next;
        retire(m);
    }
    free(g);
}

ac_task_group *ac_task_group_new(void)
{
    ac_task_group *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    ac__spin_init(&g->lock);
    g->refs = 1;
    return g;
}

/* ------------------------------------------------------------------------------------------ */
/* The watcher: joins one member, then hands it to the group                                 */

enum { ac__frame_size_ac__group_watch = 64 };

struct watch_frame {
    unsigned state;
    ac_task_group *g;
    struct member *m;
    _Alignas(16) unsigned char join[ac__frame_size_ac_task_join];
};

static int watch_poll(void *frame, ac_cx *cx)
{
    struct watch_frame *f = frame;
    f->state = 1;
    if (ac__type_ac_task_join.poll(f->join, cx) == AC_PENDING)
        return AC_PENDING;
    ac_task_group *g = f->g;
    struct member *m = f->m;
    m->ret = *(int *)(f->join + ac__type_ac_task_join.result_offset);
    ac__sync_lock(&g->lock);
    unlink_member(&g->running, m);
    ac_waker w = {NULL};
    if (g->freed) {
        retire(m);
    } else {
        push(&g->ready, m);
        w = g->waiter;
        g->waiter.task = NULL;
    }
    group_unref_unlock(g);
    ac_waker_wake(w);
    f->state = AC_STATE_DONE;
    return AC_READY;
}

/* Only at runtime shutdown: the member is dropped as well (a dropped join leaves the handle to
 * us: it is released here). */
static void watch_drop(void *frame, ac_cx *cx)
{
    struct watch_frame *f = frame;
    if (f->state == AC_STATE_DONE)
        return;
    ac__type_ac_task_join.drop(f->join, cx);
    ac__task_release_handle(f->m->task);
    ac_task_group *g = f->g;
    ac__sync_lock(&g->lock);
    unlink_member(&g->running, f->m);
    g->len--;
    retire(f->m);
    group_unref_unlock(g);
    f->state = AC_STATE_DONE;
}

AC__LEAF_TYPE_VOID(ac__group_watch, struct watch_frame, watch_poll, watch_drop,
                   "task group member");

int ac_task_group_add(ac_task_group *g, ac_task *task)
{
    if (!task)
        return 0;
    ac__state_set_scoped(task, false); /* the group owns the handle now, not a scope */
    struct member *m = malloc(sizeof *m + task->type->result_size);
    if (!m) {
        ac_task_abort(task); /* the group owns it, and cannot keep it */
        return -ENOMEM;
    }
    ac__task_ref(task);
    m->task = task;
    m->ret = 0;
    struct watch_frame *f;
    ac_task *watcher = ac__task_new(&ac__type_ac__group_watch, (void **)&f);
    f->state = 0;
    f->g = g;
    f->m = m;
    ac__init_ac_task_join(f->join, task, m->result, task->type->result_size);
    ac__sync_lock(&g->lock);
    push(&g->running, m);
    g->refs++;
    g->len++;
    ac__sync_unlock(&g->lock);
    ac_task_detach(ac__task_spawn(watcher));
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* join_next                                                                                  */

struct next_frame {
    unsigned state;
    int ret;
    ac_task_group *g;
    void *result;
    size_t result_size; /* sizeof *result at the call, 0 when unknown */
};

static int next_poll(void *frame, ac_cx *cx)
{
    struct next_frame *f = frame;
    ac_task_group *g = f->g;
    if (!ac__coop_check(cx)) /* checked before a member is taken */
        return AC_PENDING;
    ac_waker old = {NULL};
    ac__sync_lock(&g->lock);
    struct member *m = g->ready.head;
    if (m) {
        unlink_member(&g->ready, m);
        g->len--;
    } else if (g->len) {
        old = g->waiter;
        g->waiter = ac_cx_waker(cx);
    }
    size_t len = g->len;
    ac__sync_unlock(&g->lock);
    ac_waker_drop(old);
    if (!m && len) {
        f->state = 1;
        return AC_PENDING;
    }
    ac__coop_charge(cx);
    if (m && f->result) /* a member of another type is a programming error: no byte written */
        ac__join_check_size("ac_task_group_join_next", m->task->type, f->result_size);
    f->ret = m ? m->ret : -ECHILD;
    if (m && f->result && m->ret == 0 && m->task->type->result_size)
        memcpy(f->result, m->result, m->task->type->result_size);
    if (m)
        retire(m);
    f->state = AC_STATE_DONE;
    return AC_READY;
}

static void next_drop(void *frame, ac_cx *cx)
{
    (void)cx;
    struct next_frame *f = frame;
    if (f->state == 1) {
        ac__sync_lock(&f->g->lock);
        ac_waker w = f->g->waiter;
        f->g->waiter.task = NULL;
        ac__sync_unlock(&f->g->lock);
        ac_waker_drop(w);
    }
    f->state = AC_STATE_DONE;
}

AC__LEAF_TYPE(ac_task_group_join_next, struct next_frame, ret, next_poll, next_drop,
              "task group");

AC_EXPORT void ac__init_ac_task_group_join_next(void *frame, ac_task_group *g, void *result,
                                                size_t result_size);
void ac__init_ac_task_group_join_next(void *frame, ac_task_group *g, void *result,
                                      size_t result_size)
{
    struct next_frame *f = frame;
    f->state = 0;
    f->ret = 0;
    f->g = g;
    f->result = result;
    f->result_size = result_size;
}

/* ------------------------------------------------------------------------------------------ */
/* len, abort_all, free                                                                       */

size_t ac_task_group_len(ac_task_group *g)
{
    ac__sync_lock(&g->lock);
    size_t n = g->len;
    ac__sync_unlock(&g->lock);
    return n;
}

/* Cancels the running members: their tasks are referenced under the lock and cancelled after
 * it (a cancel schedules the task, which is better kept out of our spinlock). Out of memory
 * for that list, the rest are cancelled under the lock: scheduling takes no group lock. */
static void cancel_running(ac_task_group *g)
{
    size_t n = 0, cap = 16;
    ac_task **tasks = malloc(cap * sizeof *tasks);
    ac__sync_lock(&g->lock);
    for (struct member *m = g->running.head; m; m = m->next) {
        if (!tasks || n == cap) {
            ac_task **more = tasks ? realloc(tasks, 2 * cap * sizeof *tasks) : NULL;
            if (!more) {
                ac_task_cancel(m->task);
                continue;
            }
            tasks = more;
            cap *= 2;
        }
        ac__task_ref(m->task);
        tasks[n++] = m->task;
    }
    ac__sync_unlock(&g->lock);
    for (size_t i = 0; i < n; i++) {
        ac_task_cancel(tasks[i]);
        ac__task_unref(tasks[i]);
    }
    free(tasks);
}

void ac_task_group_abort_all(ac_task_group *g)
{
    cancel_running(g);
}

void ac_task_group_free(ac_task_group *g)
{
    if (!g)
        return;
    ac__sync_lock(&g->lock);
    g->freed = true;
    ac__sync_unlock(&g->lock);
    cancel_running(g);
    ac__sync_lock(&g->lock);
    group_unref_unlock(g);
}
