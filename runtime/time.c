/* runtime/time.c: the hand-written leaf futures of time: ac_sleep_ms and ac_yield, with the
 * same ABI as generated async functions (ac__type_X + ac__init_X). */
#include <stddef.h>

#include "asyncc/task.h"
#include "internal.h"

/* ------------------------------------------------------------------------------------------ */
/* ac_sleep_ms                                                                                */

struct sleep_frame {
    unsigned state;
    bool absolute;
    unsigned long long ms; /* a duration, or a deadline on the runtime clock when absolute */
    struct ac__timer timer;
};

/* Beyond this many ms (about 290 years) a sleep is as good as forever. */
#define FOREVER_MS ((UINT64_MAX / 4) / 1000000u)

static int sleep_poll(void *frame, ac_cx *cx)
{
    struct sleep_frame *f = frame;
    if (f->state == 0) {
        uint64_t ms = f->ms < FOREVER_MS ? f->ms : FOREVER_MS;
        uint64_t when = f->absolute ? ms * (1000000u / AC__TICK_NS)
                                    : ac__tick_at_or_after(ac__now_ns() + ms * 1000000u);
        if ((!f->absolute && f->ms == 0) || !ac__timer_start(cx, &f->timer, when)) {
            f->state = AC_STATE_DONE;
            return AC_READY;
        }
        f->state = 1;
        return AC_PENDING;
    }
    if (atomic_load_explicit(&f->timer.fired, memory_order_acquire)) {
        if (!ac__coop_proceed(cx))
            return AC_PENDING;
        f->state = AC_STATE_DONE;
        return AC_READY;
    }
    return AC_PENDING;
}

static void sleep_drop(void *frame, ac_cx *cx)
{
    (void)cx;
    struct sleep_frame *f = frame;
    if (f->state == 1)
        ac__timer_cancel(&f->timer);
    f->state = AC_STATE_DONE;
}

AC__LEAF_TYPE_VOID(ac_sleep_ms, struct sleep_frame, sleep_poll, sleep_drop, "timer");

AC_EXPORT void ac__init_ac_sleep_ms(void *frame, unsigned long ms);
void ac__init_ac_sleep_ms(void *frame, unsigned long ms)
{
    struct sleep_frame *f = frame;
    f->state = 0;
    f->absolute = false;
    f->ms = ms;
    f->timer.worker = NULL;
    f->timer.waker.task = NULL;
}

AC__LEAF_TYPE_VOID(ac_sleep_until, struct sleep_frame, sleep_poll, sleep_drop, "timer");

AC_EXPORT void ac__init_ac_sleep_until(void *frame, unsigned long long deadline_ms);
void ac__init_ac_sleep_until(void *frame, unsigned long long deadline_ms)
{
    struct sleep_frame *f = frame;
    f->state = 0;
    f->absolute = true;
    f->ms = deadline_ms;
    f->timer.worker = NULL;
    f->timer.waker.task = NULL;
}

unsigned long long ac_now_ms(void)
{
    return ac__now_ms();
}

/* ------------------------------------------------------------------------------------------ */
/* ac_yield                                                                                   */

struct yield_frame {
    unsigned state;
};

static int yield_poll(void *frame, ac_cx *cx)
{
    struct yield_frame *f = frame;
    if (f->state == 0) {
        f->state = 1;
        /* Woken while running: the worker queues the task behind the others when the poll ends. */
        ac_waker_wake(ac_cx_waker(cx));
        return AC_PENDING;
    }
    f->state = AC_STATE_DONE;
    return AC_READY;
}

static void yield_drop(void *frame, ac_cx *cx)
{
    (void)cx;
    ((struct yield_frame *)frame)->state = AC_STATE_DONE;
}

AC__LEAF_TYPE_VOID(ac_yield, struct yield_frame, yield_poll, yield_drop, "yield");

AC_EXPORT void ac__init_ac_yield(void *frame);
void ac__init_ac_yield(void *frame)
{
    ((struct yield_frame *)frame)->state = 0;
}
