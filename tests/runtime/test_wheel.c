/* tests/runtime/test_wheel.c: the timer wheel alone, at scale: a million timers with deadlines
 * up to 20 minutes (every level), some cancelled; each fires once, never early, never late. */
#include "../../runtime/timer.h"
#include "stress.h"
#include "test.h"

#define NTIMERS STRESS_N(1000000, 10)

int main(void)
{
    struct ac__wheel *wheel = malloc(sizeof *wheel);
    struct ac__timer *t = calloc(NTIMERS, sizeof *t);
    CHECK(wheel && t);
    ac__wheel_init(wheel, 1000);
    uint64_t x = 88172645463325252ull;
    uint64_t max_when = 0;
    size_t cancelled = 0;
    for (size_t i = 0; i < NTIMERS; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        uint64_t span = (i % 3 == 0) ? 100 : (i % 3 == 1) ? 10000 : 1200000;
        t[i].when = 1000 + 1 + x % span;
        if (t[i].when > max_when)
            max_when = t[i].when;
        CHECK(ac__wheel_insert(wheel, &t[i]));
    }
    CHECK_EQ(wheel->count, NTIMERS);
    for (size_t i = 0; i < NTIMERS; i += 7) {
        ac__wheel_remove(wheel, &t[i]);
        t[i].when = 0; /* marks it cancelled */
        cancelled++;
    }
    /* Advance in irregular steps; after each, every timer due has fired and no other. */
    uint64_t now = 1000;
    size_t fired = 0;
    while (wheel->count) {
        uint64_t next = ac__wheel_next(wheel);
        CHECK(next != UINT64_MAX);
        CHECK_INT(>, next, now - 1);
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        now += 1 + x % 5000;
        fired += ac__wheel_advance(wheel, now);
        for (int k = 0; k < 1000; k++) { /* a sample: fired exactly when due */
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            struct ac__timer *s = &t[x % NTIMERS];
            if (s->when)
                CHECK_EQ(atomic_load(&s->fired), s->when <= now);
        }
    }
    CHECK_EQ(fired + cancelled, NTIMERS);
    CHECK_INT(>=, now, max_when);
    for (size_t i = 0; i < NTIMERS; i++)
        CHECK_EQ(atomic_load(&t[i].fired), t[i].when ? 1 : 0);
    /* Deadlines are never early: re-run one level-crossing case with a check at each ms. */
    ac__wheel_init(wheel, 0);
    struct ac__timer one = {.when = 4097 * 3};
    CHECK(ac__wheel_insert(wheel, &one));
    for (uint64_t ms = 1; ms < one.when; ms++) {
        ac__wheel_advance(wheel, ms);
        CHECK_EQ(atomic_load(&one.fired), 0);
    }
    ac__wheel_advance(wheel, one.when);
    CHECK_EQ(atomic_load(&one.fired), 1);
    CHECK_EQ(ac__wheel_next(wheel), UINT64_MAX);
    printf("%zu timers: %zu fired, %zu cancelled\n", (size_t)NTIMERS, fired, cancelled);
    free(t);
    free(wheel);
    return 0;
}
