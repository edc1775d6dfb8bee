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

/* Waits for a spawned task to finish and copies its result into *result (when not NULL; it
 * must have the spawned function's return type). Returns 0, or -ECANCELED when the task was
 * aborted. Consumes the handle. */
AC_EXPORT async int ac_task_join(ac_task *task, void *result);

/* Cancels a spawned task at its current await (its cleanups run) and releases the handle. */
AC_EXPORT void ac_task_abort(ac_task *task);

/* Cancels a spawned task at its current await (its cleanups run) but keeps the handle: a later
 * ac_task_join returns -ECANCELED, or 0 with the result if the task had finished already.
 * Cancelling twice, or a finished task, does nothing. */
AC_EXPORT void ac_task_cancel(ac_task *task);

/* Releases the handle; the task keeps running to completion on its own. */
AC_EXPORT void ac_task_detach(ac_task *task);

#ifdef __cplusplus
}
#endif

#endif
