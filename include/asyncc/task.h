/* asyncc/task.h: tasks and time, the runtime's core async functions.
 * Declared with `async`, so asyncc knows them as async functions defined elsewhere. */
#ifndef ASYNCC_TASK_H
#define ASYNCC_TASK_H

#include "future.h"
#include "lang.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Bounds on the frames of the leaf futures below (see future.h): awaiting them allocates nothing. */
enum {
    ac__frame_size_ac_sleep_ms = 80,
    ac__frame_size_ac_sleep_until = 80,
    ac__frame_size_ac_yield = 16,
    ac__frame_size_ac_task_join = 32,
    ac__frame_size_ac_interval_tick = 112
};

/* Suspends the calling task for at least ms milliseconds. */
AC_EXPORT async void ac_sleep_ms(unsigned long ms);

/* Milliseconds on the runtime's monotonic clock (CLOCK_MONOTONIC from an arbitrary origin). */
AC_EXPORT unsigned long long ac_now_ms(void);

/* Suspends the calling task until ac_now_ms() >= deadline_ms (at once if it has passed).
 * Deadlines computed from one ac_now_ms() reading fire in their order. */
AC_EXPORT async void ac_sleep_until(unsigned long long deadline_ms);

/* A periodic timer, as Tokio's time::interval: ticks are due at start, start + period,
 * start + 2 period... Initialize with ac_interval_init; the fields may be read, and missed
 * changed at any time. */
typedef struct ac_interval {
    unsigned long long next_ms;   /* when the next tick is due, on the ac_now_ms clock */
    unsigned long long period_ms; /* at least 1 */
    int missed;                   /* what a late tick does: one of the AC_MISSED_ values */
} ac_interval;

/* When ac_interval_tick is called after the next tick was due (by more than 5 ms), that tick
 * completes at once; the one after it is due:
 *   AC_MISSED_BURST  on the original schedule (the missed ticks follow at once; the default)
 *   AC_MISSED_DELAY  one period after now (the schedule shifts)
 *   AC_MISSED_SKIP   at the first tick of the original schedule after now */
enum { AC_MISSED_BURST, AC_MISSED_DELAY, AC_MISSED_SKIP };

/* Starts iv's schedule now: its first tick is due at once. A period of 0 is taken as 1. */
AC_EXPORT void ac_interval_init(ac_interval *iv, unsigned long long period_ms);

/* Waits until iv's next tick is due and returns that tick's due time (ac_now_ms clock). Safe to
 * cancel: a tick whose wait is dropped is not consumed. iv must outlive the call. */
AC_EXPORT async unsigned long long ac_interval_tick(ac_interval *iv);

/* Lets every other ready task run once before the calling task continues. */
AC_EXPORT async void ac_yield(void);

/* Waits for a spawned task to finish and copies its result into *result, which must have the
 * spawned function's return type (NULL, or any void *, discards it). Returns 0 and consumes the
 * handle, or -ECANCELED (the task was cancelled before it finished; the handle is consumed),
 * or -EINVAL for a NULL task.
 *
 * Typed: ac_task_join is a macro that passes sizeof *result along, and a size that differs from
 * the size of the task's result (joining a task that returns long into an int, or a task that
 * returns nothing into a variable) is a programming error: the join aborts the program with a
 * message naming the function and both sizes, at its first poll, before any byte is written.
 * (Rust would refuse to compile it; a void * result skips the check.)
 *
 * Cancel-safe: a join dropped before it finished (a timeout, the loser of a select, the joining
 * task cancelled) leaves the handle as it was: the task runs on, and the handle may be joined
 * again, cancelled, aborted or detached. A handle that is never released is freed at runtime
 * shutdown only. */
AC_EXPORT async int ac_task_join(ac_task *task, void *result, size_t result_size);
/* (The macro's own name in its expansion is not expanded again: it calls the function above.) */
#define ac_task_join(task, result) ac_task_join((task), (result), AC__RESULT_SIZE(result))
/* sizeof *result, or 0 for a void * or a literal 0 (no check); sizeof is never applied to void.
 * (__extension__: a C99 program built with -pedantic-errors may join too.) */
#define AC__RESULT_SIZE(result)                                                               \
    (__extension__ _Generic((result), void *: (size_t)0, int: (size_t)0,                      \
                            default: sizeof *_Generic((result), void *: (char *)0,            \
                                                      int: (char *)0, default: (result))))

/* Cancels a spawned task at its current await (its cleanups run) and releases the handle:
 * Tokio's handle.abort() followed by the handle's drop. The handle must not be used afterwards
 * (a join would read freed memory): to cancel and still join, use ac_task_cancel. */
AC_EXPORT void ac_task_abort(ac_task *task);

/* Cancels a spawned task at its current await (its cleanups run) but keeps the handle: a later
 * ac_task_join returns -ECANCELED, or 0 with the result if the task had finished already.
 * Cancelling twice, or a finished task, does nothing.
 * ac_task_abort, ac_task_cancel and ac_task_detach use the join handle, which a join that
 * finishes consumes (frees): call them only where no join of the handle may finish meanwhile,
 * that is, from the joining task or before the join. To cancel from elsewhere (another task,
 * another thread) while a join may be pending, use an abort handle. */
AC_EXPORT void ac_task_cancel(ac_task *task);

/* Releases the handle; the task keeps running to completion on its own. */
AC_EXPORT void ac_task_detach(ac_task *task);

/* Ties a join handle to the task that calls this (the one being polled, or dropped, on this
 * thread), as a Rust JoinHandle held in a local is tied to its scope: when that task ends, by
 * returning or by being cancelled and dropped, the handle is released as ac_task_detach does
 * (the task runs on; its memory goes when it finishes), unless it was joined to the end,
 * detached, aborted or given to a task group before. Without it, a handle that a cancelled
 * task held in a local (awaiting a join, say) is freed only at runtime shutdown. Returns task,
 * so that a spawn reads
 *
 *     ac_task *t = ac_task_scoped(ac_spawn(fetch(url)));
 *     await(ac_task_join(t, &body));   // if this task is cancelled here, t is released
 *
 * The handle must stay with the calling task: nobody else may join, cancel, detach or abort it
 * after that task ended (a scoped handle given to another task to join is released under it;
 * ac_task_group_add takes a scoped handle out of the scope, so a group may own it). Called
 * outside a task (plain C, a blocking-pool thread), with NULL, or without memory to record the
 * handle, it does nothing and the handle stays the caller's as before. The sequential build
 * keeps every handle until the program exits, scoped or not. */
AC_EXPORT ac_task *ac_task_scoped(ac_task *task);

/* Abort handles (Tokio's AbortHandle): a second handle on a task that can only cancel it, safe
 * to use from any thread at any time, also while the join handle is being joined, after the
 * task finished, after the join consumed the join handle, and while or after the runtime shuts
 * down. It holds a reference of its own: the task's memory (not its frame, dropped when it
 * finishes) lives until both handles are released. Example, a task cancelled by a watchdog
 * thread while its owner joins it:
 *
 *     ac_task *t = ac_spawn(serve(fd));
 *     ac_abort_handle *h = ac_task_abort_handle(t);   // before the join: t is valid here
 *     start_watchdog(h);                              // another thread calls ac_abort(h)
 *     int r = await(ac_task_join(t, &v));             // -ECANCELED if the watchdog came first
 *     stop_watchdog();                                // the thread no longer uses h
 *     ac_abort_handle_release(h);
 */
typedef struct ac_abort_handle ac_abort_handle;

/* A new abort handle on task, taken from its join handle while the caller may still use it
 * (before a join consumes it); returns NULL for a NULL task or when out of memory. */
AC_EXPORT ac_abort_handle *ac_task_abort_handle(ac_task *task);

/* Cancels the task at its current await, as ac_task_cancel does (its join then returns
 * -ECANCELED); nothing for a task that finished, or a NULL handle. Any thread, any time while h
 * is not released. */
AC_EXPORT void ac_abort(ac_abort_handle *h);

/* Whether the task has finished (returned, or cancelled and dropped; true once a shutdown
 * dropped it, and for a NULL handle). */
AC_EXPORT AC__BOOL ac_abort_handle_is_finished(ac_abort_handle *h);

/* Releases the abort handle (NULL: nothing); the task is not cancelled. */
AC_EXPORT void ac_abort_handle_release(ac_abort_handle *h);

#ifdef __cplusplus
}
#endif

#endif
