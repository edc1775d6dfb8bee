/* runtime/timer.h: timers: the hierarchical wheel of each worker (timer.c), the runtime clock and
 * its ticks, and how a future registers a deadline with the wheel of the worker that polls it. */
#ifndef ASYNCC_RUNTIME_TIMER_H
#define ASYNCC_RUNTIME_TIMER_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "asyncc/future.h"

struct ac__worker;

#define AC__WHEEL_LEVELS 6
#define AC__WHEEL_SLOTS 64

/* One pending deadline. Lives in the frame of the future that waits (a sleep, a timeout). */
struct ac__timer {
    struct ac__timer *next, *prev;
    uint64_t when;             /* ticks of the runtime clock (AC__TICK_NS each) */
    unsigned slot_index;       /* level * 64 + slot while linked in a wheel */
    struct ac__worker *worker; /* whose wheel holds it; set while registered */
    ac_waker waker;
    _Atomic int fired; /* set by the wheel, after which the wheel never touches the entry */
};

struct ac__wheel_level {
    uint64_t occupied;
    struct ac__timer *slots[AC__WHEEL_SLOTS];
};

struct ac__wheel {
    uint64_t elapsed; /* the wheel's notion of now, in ticks */
    size_t count;
    struct ac__wheel_level levels[AC__WHEEL_LEVELS];
};

void ac__wheel_init(struct ac__wheel *wheel, uint64_t now);
/* Returns false when the deadline has already passed (nothing inserted). */
bool ac__wheel_insert(struct ac__wheel *wheel, struct ac__timer *timer);
void ac__wheel_remove(struct ac__wheel *wheel, struct ac__timer *timer);
/* The earliest deadline of a slot that holds timers, or UINT64_MAX when there are none. */
uint64_t ac__wheel_next(struct ac__wheel *wheel);
/* Fires every timer whose deadline is <= now: unlinks it, sets fired, wakes its waker. */
size_t ac__wheel_advance(struct ac__wheel *wheel, uint64_t now);

/* The runtime clock (CLOCK_MONOTONIC from a fixed origin) in nanoseconds and milliseconds. */
uint64_t ac__now_ns(void);
uint64_t ac__now_ms(void);

/* Timers count in ticks of 1/16 ms: fine enough that a sleep ends within a fraction of a
 * millisecond of its deadline, coarse enough that the timers due in one tick fire together. */
#define AC__TICK_NS 62500u
/* The first tick at or after a time in ns: a timer for it never fires early. */
static inline uint64_t ac__tick_at_or_after(uint64_t ns)
{
    return (ns + AC__TICK_NS - 1) / AC__TICK_NS;
}

/* Registers timer in the calling worker's wheel for a tick. Returns false (waker left unset)
 * when the deadline has passed already. */
bool ac__timer_start(ac_cx *cx, struct ac__timer *timer, uint64_t when);
/* Unregisters a timer that has not fired, from any thread; drops its waker. */
void ac__timer_cancel(struct ac__timer *timer);
/* Fires due timers of the calling worker. */
void ac__worker_fire_timers(struct ac__worker *w);

#endif
