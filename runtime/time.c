/* runtime/time.c: the hand-written leaf futures of time: the sleeps (ms, us, until a deadline in
 * ms or ns), ac_interval_tick and ac_yield, with the same ABI as generated async functions. */
#include <stddef.h>

#include "asyncc/clock.h"
#include "asyncc/task.h"
#include "task.h"
#include "timer.h"

/* ------------------------------------------------------------------------------------------ */
/* ac_sleep_ms                                                                                */

struct sleep_frame {
    unsigned state;
    bool absolute;
    unsigned long long ns; /* a duration, or a deadline on the runtime clock when absolute */
    struct ac__timer timer;
};

/* Beyond this many ns (about 146 years) a sleep is as good as forever. */
#define FOREVER_NS (UINT64_MAX / 4)

/* ms or us as ns, saturating at forever. */
static unsigned long long to_ns(unsigned long long n, unsigned long long unit)
{
    return n < FOREVER_NS / unit ? n * unit : FOREVER_NS;
}

static int sleep_poll(void *frame, ac_cx *cx)
{
    struct sleep_frame *f = frame;
    if (f->state == 0) {
        uint64_t ns = f->ns < FOREVER_NS ? f->ns : FOREVER_NS;
        uint64_t when = ac__tick_at_or_after(f->absolute ? ns : ac__now_ns() + ns);
        if ((!f->absolute && f->ns == 0) || !ac__timer_start(cx, &f->timer, when)) {
            /* Due already: a loop of sleeps of 0 (or of deadlines past) yields in time. */
            if (!ac__coop_proceed(cx))
                return AC_PENDING;
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

static void sleep_init(void *frame, bool absolute, unsigned long long ns)
{
    struct sleep_frame *f = frame;
    f->state = 0;
    f->absolute = absolute;
    f->ns = ns;
    f->timer.worker = NULL;
    f->timer.waker.task = NULL;
}

AC__LEAF_TYPE_VOID(ac_sleep_ms, struct sleep_frame, sleep_poll, sleep_drop, "timer");

AC_EXPORT void ac__init_ac_sleep_ms(void *frame, unsigned long ms);
void ac__init_ac_sleep_ms(void *frame, unsigned long ms)
{
    sleep_init(frame, false, to_ns(ms, 1000000u));
}

AC__LEAF_TYPE_VOID(ac_sleep_until, struct sleep_frame, sleep_poll, sleep_drop, "timer");

AC_EXPORT void ac__init_ac_sleep_until(void *frame, unsigned long long deadline_ms);
void ac__init_ac_sleep_until(void *frame, unsigned long long deadline_ms)
{
    sleep_init(frame, true, to_ns(deadline_ms, 1000000u));
}

AC__LEAF_TYPE_VOID(ac_sleep_us, struct sleep_frame, sleep_poll, sleep_drop, "timer");

AC_EXPORT void ac__init_ac_sleep_us(void *frame, unsigned long long us);
void ac__init_ac_sleep_us(void *frame, unsigned long long us)
{
    sleep_init(frame, false, to_ns(us, 1000u));
}

AC__LEAF_TYPE_VOID(ac_sleep_until_ns, struct sleep_frame, sleep_poll, sleep_drop, "timer");

AC_EXPORT void ac__init_ac_sleep_until_ns(void *frame, unsigned long long deadline_ns);
void ac__init_ac_sleep_until_ns(void *frame, unsigned long long deadline_ns)
{
    sleep_init(frame, true, deadline_ns);
}

unsigned long long ac_now_ns(void)
{
    return ac__now_ns();
}

unsigned long ac_ms_until(unsigned long long deadline_ms)
{
    unsigned long long now = ac__now_ms();
    return deadline_ms > now ? (unsigned long)(deadline_ms - now) : 0;
}

unsigned long long ac_now_ms(void)
{
    return ac__now_ms();
}

/* ------------------------------------------------------------------------------------------ */
/* ac_interval_tick                                                                           */

struct interval_frame {
    struct sleep_frame sleep; /* until the tick's due time */
    unsigned long long ret;   /* that due time */
    ac_interval *iv;
};

void ac_interval_init(ac_interval *iv, unsigned long long period_ms)
{
    iv->period_ms = period_ms ? period_ms : 1;
    iv->next_ms = ac__now_ms();
    iv->missed = AC_MISSED_BURST;
}

/* a + b, or the largest value when that overflows: a period of ULLONG_MAX ms (or one that
 * reaches past it) is due never, not at a time that wrapped round to the past. */
static unsigned long long add_saturating(unsigned long long a, unsigned long long b)
{
    unsigned long long sum;
    return __builtin_add_overflow(a, b, &sum) ? ~0ull : sum;
}

/* The due time of the tick after the one due at `due`, which completed at `now`. */
static unsigned long long after(const ac_interval *iv, unsigned long long due,
                                unsigned long long now)
{
    unsigned long long p = iv->period_ms;
    /* Timers fire a little after their due time: only a tick more than 5 ms late (as in
     * Tokio) counts as missed, or DELAY would drift by that much on every tick. */
    if (now <= add_saturating(due, 5) || iv->missed == AC_MISSED_BURST)
        return add_saturating(due, p);
    if (iv->missed == AC_MISSED_DELAY)
        return add_saturating(now, p);
    unsigned long long step; /* AC_MISSED_SKIP: the first tick of the schedule after now */
    if (__builtin_mul_overflow((now - due) / p + 1, p, &step))
        return ~0ull;
    return add_saturating(due, step);
}

static int interval_poll(void *frame, ac_cx *cx)
{
    struct interval_frame *f = frame;
    if (f->sleep.state == 0) {
        f->ret = f->iv->next_ms;
        f->sleep.ns = to_ns(f->ret, 1000000u);
    }
    if (sleep_poll(&f->sleep, cx) == AC_PENDING)
        return AC_PENDING;
    /* Consumed only now: a wait dropped before this point leaves the schedule as it was. */
    f->iv->next_ms = after(f->iv, f->ret, ac__now_ms());
    return AC_READY;
}

static void interval_drop(void *frame, ac_cx *cx)
{
    sleep_drop(&((struct interval_frame *)frame)->sleep, cx);
}

AC__LEAF_TYPE(ac_interval_tick, struct interval_frame, ret, interval_poll, interval_drop,
              "interval");

AC_EXPORT void ac__init_ac_interval_tick(void *frame, ac_interval *iv);
void ac__init_ac_interval_tick(void *frame, ac_interval *iv)
{
    struct interval_frame *f = frame;
    ac__init_ac_sleep_until(&f->sleep, 0);
    f->ret = 0;
    f->iv = iv;
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
