/* runtime/timer.c: the hierarchical timer wheel (one per worker, 6 levels of 64 slots of one tick,
 * as in Tokio), the runtime clock, and registering and cancelling timers from any thread. */
#include <time.h>

#include "task.h"
#include "worker.h"

#define SLOT_BITS 6
#define MAX_DURATION ((uint64_t)1 << (SLOT_BITS * AC__WHEEL_LEVELS))

/* ------------------------------------------------------------------------------------------ */
/* Clock                                                                                      */

static uint64_t mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* The clock's origin is fixed the first time it is read, so ms values stay small. */
static _Atomic uint64_t origin_ns;

static uint64_t since_origin_ns(void)
{
    uint64_t now = mono_ns();
    uint64_t o = atomic_load_explicit(&origin_ns, memory_order_relaxed);
    if (AC__UNLIKELY(o == 0)) {
        uint64_t expected = 0;
        uint64_t mine = now - 1;
        if (atomic_compare_exchange_strong(&origin_ns, &expected, mine))
            o = mine;
        else
            o = expected;
    }
    return now - o;
}

uint64_t ac__now_ns(void)
{
    return since_origin_ns();
}

uint64_t ac__now_ms(void)
{
    return since_origin_ns() / 1000000u;
}

/* ------------------------------------------------------------------------------------------ */
/* Wheel                                                                                      */

void ac__wheel_init(struct ac__wheel *wheel, uint64_t now)
{
    *wheel = (struct ac__wheel){.elapsed = now};
}

static unsigned level_for(uint64_t elapsed, uint64_t when)
{
    uint64_t masked = (elapsed ^ when) | ((1u << SLOT_BITS) - 1);
    if (masked >= MAX_DURATION)
        masked = MAX_DURATION - 1;
    unsigned significant = 63 - (unsigned)__builtin_clzll(masked);
    return significant / SLOT_BITS;
}

static unsigned slot_for(uint64_t when, unsigned level)
{
    return (unsigned)(when >> (level * SLOT_BITS)) & (AC__WHEEL_SLOTS - 1);
}

static void link(struct ac__wheel *wheel, struct ac__timer *t)
{
    uint64_t when = t->when;
    if (when - wheel->elapsed >= MAX_DURATION)
        when = wheel->elapsed + MAX_DURATION - 1; /* cascades again when that slot comes up */
    unsigned level = level_for(wheel->elapsed, when);
    unsigned slot = slot_for(when, level);
    struct ac__wheel_level *l = &wheel->levels[level];
    t->prev = NULL;
    t->next = l->slots[slot];
    if (t->next)
        t->next->prev = t;
    l->slots[slot] = t;
    l->occupied |= (uint64_t)1 << slot;
    t->slot_index = level * AC__WHEEL_SLOTS + slot;
}

bool ac__wheel_insert(struct ac__wheel *wheel, struct ac__timer *t)
{
    if (t->when <= wheel->elapsed)
        return false;
    link(wheel, t);
    wheel->count++;
    return true;
}

void ac__wheel_remove(struct ac__wheel *wheel, struct ac__timer *t)
{
    if (t->prev) {
        t->prev->next = t->next;
    } else {
        struct ac__wheel_level *l = &wheel->levels[t->slot_index / AC__WHEEL_SLOTS];
        unsigned slot = t->slot_index % AC__WHEEL_SLOTS;
        l->slots[slot] = t->next;
        if (!t->next)
            l->occupied &= ~((uint64_t)1 << slot);
    }
    if (t->next)
        t->next->prev = t->prev;
    t->next = t->prev = NULL;
    wheel->count--;
}

/* The deadline of the first occupied slot of one level at or after now, if any. */
static bool level_next(struct ac__wheel_level *l, unsigned level, uint64_t now, uint64_t *deadline,
                       unsigned *slot_out)
{
    if (!l->occupied)
        return false;
    uint64_t slot_range = (uint64_t)1 << (level * SLOT_BITS);
    uint64_t level_range = slot_range << SLOT_BITS;
    unsigned now_slot = (unsigned)(now / slot_range) & (AC__WHEEL_SLOTS - 1);
    uint64_t rotated = now_slot ? (l->occupied >> now_slot) | (l->occupied << (64 - now_slot))
                                : l->occupied;
    unsigned zeros = (unsigned)__builtin_ctzll(rotated);
    unsigned slot = (zeros + now_slot) % AC__WHEEL_SLOTS;
    uint64_t level_start = now & ~(level_range - 1);
    uint64_t d = level_start + slot * slot_range;
    if (d <= now)
        d += level_range; /* only the top level wraps around (see link's capping) */
    *deadline = d;
    *slot_out = slot;
    return true;
}

static bool next_expiration(struct ac__wheel *wheel, unsigned *level_out, unsigned *slot_out,
                            uint64_t *deadline)
{
    for (unsigned level = 0; level < AC__WHEEL_LEVELS; level++) {
        if (level_next(&wheel->levels[level], level, wheel->elapsed, deadline, slot_out)) {
            *level_out = level;
            return true;
        }
    }
    return false;
}

uint64_t ac__wheel_next(struct ac__wheel *wheel)
{
    unsigned level, slot;
    uint64_t deadline;
    if (!next_expiration(wheel, &level, &slot, &deadline))
        return UINT64_MAX;
    return deadline < wheel->elapsed ? wheel->elapsed : deadline;
}

size_t ac__wheel_advance(struct ac__wheel *wheel, uint64_t now)
{
    size_t fired = 0;
    unsigned level, slot;
    uint64_t deadline;
    while (next_expiration(wheel, &level, &slot, &deadline) && deadline <= now) {
        struct ac__wheel_level *l = &wheel->levels[level];
        struct ac__timer *t = l->slots[slot];
        l->slots[slot] = NULL;
        l->occupied &= ~((uint64_t)1 << slot);
        if (deadline > wheel->elapsed)
            wheel->elapsed = deadline;
        while (t) {
            struct ac__timer *next = t->next;
            if (t->when <= wheel->elapsed) {
                wheel->count--;
                ac_waker w = t->waker;
                t->waker.task = NULL;
                t->next = t->prev = NULL;
                /* After this store the owner of the entry may free it at any moment. */
                atomic_store_explicit(&t->fired, 1, memory_order_release);
                ac_waker_wake(w);
                fired++;
            } else {
                link(wheel, t); /* cascade to a finer level */
            }
            t = next;
        }
    }
    if (now > wheel->elapsed)
        wheel->elapsed = now;
    return fired;
}

/* ------------------------------------------------------------------------------------------ */
/* Timers of the workers                                                                      */

bool ac__timer_start(ac_cx *cx, struct ac__timer *timer, uint64_t when)
{
    struct ac__worker *w = cx->worker;
    if (!w)
        ac__panic("a timer started outside the runtime's workers");
    timer->when = when;
    timer->next = timer->prev = NULL;
    atomic_store_explicit(&timer->fired, 0, memory_order_relaxed);
    timer->waker = ac_cx_waker(cx);
    ac__spin_lock(&w->wheel_lock);
    /* Only firing timers advances a wheel, so an empty one keeps the now of its last timer:
     * a timer inserted after an idle while would get its slot from that stale now, at a coarse
     * level whose slot start (the deadline the worker parks on) lies up to seconds in the
     * past. Nothing in an empty wheel can fire, so bring its now up to date first. */
    if (!w->wheel.count)
        ac__wheel_advance(&w->wheel, ac__now_ns() / AC__TICK_NS);
    bool inserted = ac__wheel_insert(&w->wheel, timer);
    if (inserted)
        timer->worker = w;
    ac__spin_unlock(&w->wheel_lock);
    if (!inserted) {
        ac_waker_drop(timer->waker);
        timer->waker.task = NULL;
        timer->worker = NULL;
    }
    return inserted;
}

void ac__timer_cancel(struct ac__timer *timer)
{
    struct ac__worker *w = timer->worker;
    if (!w || atomic_load_explicit(&timer->fired, memory_order_acquire))
        return;
    ac_waker waker = {NULL};
    ac__spin_lock(&w->wheel_lock);
    if (!atomic_load_explicit(&timer->fired, memory_order_relaxed)) {
        ac__wheel_remove(&w->wheel, timer);
        waker = timer->waker;
        timer->waker.task = NULL;
    }
    ac__spin_unlock(&w->wheel_lock);
    timer->worker = NULL;
    ac_waker_drop(waker);
}

void ac__worker_fire_timers(struct ac__worker *w)
{
    ac__spin_lock(&w->wheel_lock);
    if (w->wheel.count) {
        bool saved = ac__driver_enter();
        ac__wheel_advance(&w->wheel, ac__now_ns() / AC__TICK_NS);
        ac__driver_leave(saved);
    }
    ac__spin_unlock(&w->wheel_lock);
}
