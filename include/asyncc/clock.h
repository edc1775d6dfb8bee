/* asyncc/clock.h: time finer than a millisecond, and deadlines: sleeps in microseconds or until
 * a deadline in nanoseconds, and ac_timeout_at (Tokio's sleep_until and timeout_at). */
#ifndef ASYNCC_CLOCK_H
#define ASYNCC_CLOCK_H

#include "future.h"
#include "lang.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Bounds on the frames of the futures below (see future.h): awaiting them allocates nothing. */
enum {
    ac__frame_size_ac_sleep_us = 80,
    ac__frame_size_ac_sleep_until_ns = 80
};

/* Timers tick at 1/16 ms (62.5 us): a sleep ends at the first tick at or after its deadline,
 * never before, so sleeps below a tick last one tick or a little less. */

/* Nanoseconds on the runtime's monotonic clock, the clock of ac_now_ms (which is this / 10^6,
 * rounded down). */
AC_EXPORT unsigned long long ac_now_ns(void);

/* Suspends the calling task for at least us microseconds (0: completes at once). Cancel-safe. */
AC_EXPORT async void ac_sleep_us(unsigned long long us);

/* Suspends the calling task until ac_now_ns() >= deadline_ns (at once if it has passed). */
AC_EXPORT async void ac_sleep_until_ns(unsigned long long deadline_ns);

/* Milliseconds from now until deadline_ms on the ac_now_ms clock, 0 when it has passed. */
AC_EXPORT unsigned long ac_ms_until(unsigned long long deadline_ms);

/* await(ac_timeout_at(deadline_ms, v = f(x))): as ac_timeout, against a deadline on the
 * ac_now_ms clock instead of a duration: 0 when f finished first, else f is cancelled and
 * -ETIMEDOUT returned. f is polled once first, as with ac_timeout: when the deadline has passed,
 * only an f that finishes at that first poll returns 0. An I/O call's first poll finishes it on
 * the epoll backend when it need not wait, never on io_uring, where that poll only queues its
 * operation (a write dropped so may still have happened: io.h); a looping call with nothing to
 * transfer (ac_write_all of 0 bytes, ac_buf_flush of an empty writer) finishes on both.
 * Several calls against one deadline share it, as in a request with an overall time limit. For
 * a limit finer than a millisecond, race the call against a sleep:
 *   await(ac_select(v = f(x), ac_sleep_until_ns(deadline_ns)))   (1: timed out) */
#define ac_timeout_at(deadline_ms, fut) ac_timeout(ac_ms_until(deadline_ms), fut)

#ifdef __cplusplus
}
#endif

#endif
