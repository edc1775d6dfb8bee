/* asyncc/leaf.h: writing a future by hand, for work that something other than the runtime
 * completes (another library's callback, another thread); async functions await it like any. */
#ifndef ASYNCC_LEAF_H
#define ASYNCC_LEAF_H

#include "sys.h"

#include "future.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A hand-written future NAME is what asyncc would have generated for `async T NAME(args)`:
 *
 *   - a frame struct whose first member is `unsigned state` (0 when initialized, anything but
 *     0 and AC_STATE_DONE while pending, AC_STATE_DONE once finished), with a member holding
 *     the result (none for void);
 *   - `void ac__init_NAME(void *frame, args...)`: stores the arguments, sets state to 0 and
 *     starts nothing (futures are lazy);
 *   - poll(frame, cx): returns AC_READY with the result stored, or takes the task's waker with
 *     ac_cx_waker(cx), hands it to whoever will complete the work, and returns AC_PENDING. The
 *     check for completion and the hand-over of the waker must be one step against the
 *     completer (under one lock, or one atomic exchange), or a completion that falls between
 *     them is never seen: the lost wakeup. A waker from an earlier poll that was not used is
 *     released with ac_waker_drop (each ac_cx_waker takes a reference on the task);
 *   - drop(frame, cx): the future is cancelled (a select's loser, a timeout, an abort): take
 *     the waker back from the completer and ac_waker_drop it, so that nothing touches the
 *     frame after drop returns (the frame's memory goes away with it); NULL for a future that
 *     hands no waker out and holds nothing else to release;
 *   - the completer calls ac_waker_wake(waker) once (from any thread, any time; a waker with
 *     a NULL task does nothing), which polls the task again soon.
 *
 * AC_DEFINE_FUTURE(NAME, FRAME, RESULT, POLL, DROP) then defines the type, ac__type_NAME, and
 * the header of the API declares `async T NAME(args);` so that asyncc knows NAME is awaitable
 * (docs/guide.md, "Writing a future by hand", has a complete example).
 */
#define AC_DEFINE_FUTURE_SIZED(NAME, FRAME, ROFF, RSIZE, POLL, DROP)                         \
    static void *NAME##_ac_child_(void *frame, const ac_future_type **type)                   \
    {                                                                                         \
        (void)frame;                                                                          \
        *type = 0;                                                                            \
        return 0;                                                                             \
    }                                                                                         \
    static const ac_await_site NAME##_ac_sites_[] = {{__FILE__, __LINE__, #NAME}};             \
    const ac_future_type ac__type_##NAME = {                                                  \
        .name = #NAME,                                                                        \
        .frame_size = sizeof(FRAME),                                                          \
        .frame_align = _Alignof(FRAME),                                                       \
        .result_offset = (ROFF),                                                              \
        .result_size = (RSIZE),                                                               \
        .poll = (POLL),                                                                       \
        .drop = (DROP),                                                                       \
        .child = NAME##_ac_child_,                                                            \
        .sites = NAME##_ac_sites_,                                                            \
        .nsites = 1,                                                                          \
    }

/* A future whose result is FRAME's member RESULT. */
#define AC_DEFINE_FUTURE(NAME, FRAME, RESULT, POLL, DROP)                                    \
    AC_DEFINE_FUTURE_SIZED(NAME, FRAME, __builtin_offsetof(FRAME, RESULT), sizeof(((FRAME *)0)->RESULT), \
                           POLL, DROP)

/* A future of an async void function. */
#define AC_DEFINE_FUTURE_VOID(NAME, FRAME, POLL, DROP)                                       \
    AC_DEFINE_FUTURE_SIZED(NAME, FRAME, 0, 0, POLL, DROP)

#ifdef __cplusplus
}
#endif

#endif
