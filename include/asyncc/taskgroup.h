/* asyncc/taskgroup.h: structured concurrency helpers: a task group (Tokio's JoinSet) and a
 * cancellation token (tokio_util's CancellationToken), with child tokens. */
#ifndef ASYNCC_TASKGROUP_H
#define ASYNCC_TASKGROUP_H

#include "sys.h"

#include "future.h"
#include "lang.h"
#include "task.h" /* AC__RESULT_SIZE */

#ifdef __cplusplus
extern "C" {
#endif

/* Bounds on the frames of the futures below (see future.h): awaiting them allocates nothing. */
enum {
    ac__frame_size_ac_task_group_join_next = 32,
    ac__frame_size_ac_cancel_token_cancelled = 56
};

/* ---- Task group (Tokio's JoinSet) ----
 * A set of spawned tasks whose results are taken in the order they finish. Freeing the group
 * aborts the tasks still in it. One task at a time awaits join_next; add and len from anywhere. */
typedef struct ac_task_group ac_task_group;

/* A new, empty group, or NULL when out of memory. */
AC_EXPORT ac_task_group *ac_task_group_new(void);

/* Moves a spawned task's handle into the group (the group owns it from now on; do not join,
 * detach or abort it yourself). A NULL task is ignored. Returns 0, or -ENOMEM when there is
 * no memory to track the task: it is then aborted (cancelled at its next await, its handle
 * released), since nobody could join it any more. */
#if defined(AC_SEQUENTIAL) && defined(__has_attribute)
#if __has_attribute(__error__)
/* The sequential build has no running tasks to group: an error at the call says so, where
 * asyncc/lang.h's renaming of the call (kept for compilers without the attribute) made it a
 * link error on an undefined symbol. */
#undef ac_task_group_add
#define AC__SEQ_NO_TASK_GROUP                                                                     \
    __attribute__((__error__("task groups are not available in the sequential build (AC_SEQUENTIAL, " \
                             "asyncc-cc --sequential): its spawns run each task to completion at "   \
                             "once; join each task's handle instead")))
#endif
#endif
#ifndef AC__SEQ_NO_TASK_GROUP
#define AC__SEQ_NO_TASK_GROUP
#endif
AC_EXPORT int ac_task_group_add(ac_task_group *g, ac_task *task) AC__SEQ_NO_TASK_GROUP;

/* Spawns fut into the group: ac_task_group_add(g, ac_spawn(fut)). */
#define ac_task_group_spawn(g, fut) ac_task_group_add((g), ac_spawn(fut))

/* Waits for the next task of the group to finish and removes it: returns 0 with its result
 * copied to *result (when result is not NULL; it must have the task's return type), -ECANCELED
 * when it was aborted, or -ECHILD at once when the group is empty (as wait(2) without
 * children). Cancel-safe: dropped while waiting, no task's result is lost; it stays for the
 * next join_next.
 *
 * Typed, as ac_task_join: ac_task_group_join_next is a macro that passes sizeof *result along,
 * and a task whose result has another size (a task returning long taken into an int, or a task
 * returning nothing into a variable) aborts the program with a message naming the function and
 * both sizes when join_next takes it, before any byte is written. NULL or a void * skips the
 * check. */
AC_EXPORT async int ac_task_group_join_next(ac_task_group *g, void *result, size_t result_size);
/* (The macro's own name in its expansion is not expanded again: it calls the function above.) */
#define ac_task_group_join_next(g, result)                                                    \
    ac_task_group_join_next((g), (result), AC__RESULT_SIZE(result))

/* Tasks in the group (running, or finished and not yet taken by join_next). */
AC_EXPORT size_t ac_task_group_len(ac_task_group *g);

/* Cancels every task in the group at its current await; each still comes out of join_next
 * (-ECANCELED, or its result if it had finished before). */
AC_EXPORT void ac_task_group_abort_all(ac_task_group *g);

/* Aborts the tasks still running and frees the group; results not taken are discarded (a
 * result that owns memory leaks: join_next them first). No join_next may be pending. */
AC_EXPORT void ac_task_group_free(ac_task_group *g);

/* ---- Cancellation token ----
 * A flag that tasks can await, cancelled once (never reset). Child tokens are cancelled with
 * their parent, never the other way round. Tokens are reference counted. */
typedef struct ac_cancel_token ac_cancel_token;

/* A new token (one reference), or NULL when out of memory. */
AC_EXPORT ac_cancel_token *ac_cancel_token_new(void);
/* A new token (one reference) cancelled when parent is (at once if parent is cancelled), or
 * NULL when out of memory. The child holds no reference on parent; a parent freed first hands
 * its children to its own parent, as Tokio's does, so they are still cancelled with every
 * token the parent descended from (freeing a root leaves its children roots of their own). */
AC_EXPORT ac_cancel_token *ac_cancel_token_child(ac_cancel_token *parent);
/* Another reference to t; returns t. */
AC_EXPORT ac_cancel_token *ac_cancel_token_clone(ac_cancel_token *t);
/* Drops a reference; the last frees the token. Nobody may be awaiting it then (a wait that
 * ac_cancel_token_cancel woke is over: cancel then free is safe). */
AC_EXPORT void ac_cancel_token_free(ac_cancel_token *t);
/* Cancels t and every token descended from it, waking all their waiters. Idempotent. */
AC_EXPORT void ac_cancel_token_cancel(ac_cancel_token *t);
/* Whether t has been cancelled. */
AC_EXPORT AC__BOOL ac_cancel_token_is_cancelled(ac_cancel_token *t);
/* Waits until t is cancelled (at once if it is). Cancel-safe. Usual use:
 *   await(ac_select(ac_cancel_token_cancelled(tok), r = work(...))) */
AC_EXPORT async void ac_cancel_token_cancelled(ac_cancel_token *t);

#ifdef __cplusplus
}
#endif

#endif
