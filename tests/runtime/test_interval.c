/* tests/runtime/test_interval.c: ac_interval_tick: the first tick at once, the next ones on
 * schedule and never early, what a late tick does under each AC_MISSED_ behaviour, and a tick
 * whose wait is dropped leaving the schedule as it was; periods too long to add to the clock.
 */
#include "test.h"

extern const ac_future_type ac__type_ac_interval_tick, ac__type_ac_sleep_until;
void ac__init_ac_interval_tick(void *frame, ac_interval *iv);
void ac__init_ac_sleep_until(void *frame, unsigned long long deadline_ms);

#define P 30 /* the period, ms */

typedef struct {
    CO_HEAD;
    ac_interval iv;
    unsigned long long t0, t1, due;
    int k, missed;
} root_frame;

#define TICK(f) CO_AWAIT(f, ac__type_ac_interval_tick, ac__init_ac_interval_tick((f)->c.bytes, &(f)->iv), &(f)->due)
#define SLEEP_UNTIL(f, ms) CO_AWAIT(f, ac__type_ac_sleep_until, ac__init_ac_sleep_until((f)->c.bytes, ms), NULL)

static int root_poll(void *frame, ac_cx *cx)
{
    root_frame *f = frame;
    CO_BEGIN(f);
    /* On schedule: at once, then every P ms, never early. */
    ac_interval_init(&f->iv, P);
    f->t0 = f->iv.next_ms;
    CHECK_INT(<=, f->t0, ac_now_ms());
    CHECK_EQ(f->iv.missed, AC_MISSED_BURST);
    for (f->k = 0; f->k < 4; f->k++) {
        TICK(f);
        CHECK_EQ(f->due, f->t0 + (unsigned long long)f->k * P);
        CHECK_INT(>=, ac_now_ms(), f->due);
    }

    /* Late by more than three periods, under each behaviour. */
    for (f->missed = AC_MISSED_BURST; f->missed <= AC_MISSED_SKIP; f->missed++) {
        ac_interval_init(&f->iv, P);
        f->iv.missed = f->missed;
        f->t0 = f->iv.next_ms;
        TICK(f);
        CHECK_EQ(f->due, f->t0);
        f->t1 = ac_now_ms(); /* later than t0 on a slow machine (valgrind, load) */
        SLEEP_UNTIL(f, f->t0 + 3 * P + 10);
        TICK(f); /* due one period after the first tick, long past: at once */
        if (f->missed == AC_MISSED_BURST) {
            CHECK_EQ(f->due, f->t0 + P);
        } else { /* the first tick may itself complete more than 5 ms late, and count as missed */
            CHECK_INT(>=, f->due, f->t0 + P);
            CHECK_INT(<=, f->due, f->t1 + P);
            if (f->missed == AC_MISSED_SKIP)
                CHECK_EQ((f->due - f->t0) % P, 0);
        }
        switch (f->missed) {
        case AC_MISSED_BURST: /* the missed ticks follow on the old schedule */
            CHECK_EQ(f->iv.next_ms, f->t0 + 2 * P);
            break;
        case AC_MISSED_DELAY: /* one period after the late tick completed */
            CHECK_INT(>=, f->iv.next_ms, f->t0 + 4 * P + 10);
            CHECK_INT(<=, f->iv.next_ms, ac_now_ms() + P);
            break;
        case AC_MISSED_SKIP: /* the first tick of the old schedule after now */
            CHECK_EQ((f->iv.next_ms - f->t0) % P, 0);
            CHECK_INT(>=, f->iv.next_ms, f->t0 + 4 * P);
            CHECK_INT(<=, f->iv.next_ms, ac_now_ms() + P);
            break;
        }
        f->due = f->iv.next_ms;
        TICK(f);
        if (f->missed == AC_MISSED_BURST) {
            CHECK_EQ(f->due, f->iv.next_ms - P);
        } else { /* the tick may complete late on a busy machine: the next one is later too */
            CHECK_INT(>=, f->iv.next_ms - P, f->due);
            CHECK_INT(<=, f->iv.next_ms - P, ac_now_ms());
        }
        CHECK_INT(>=, ac_now_ms(), f->due);
    }

    /* A dropped wait does not consume its tick. */
    ac_interval_init(&f->iv, 60000);
    TICK(f);
    f->due = f->iv.next_ms;
    CHECK_EQ(test_poll_once_then_drop(&ac__type_ac_interval_tick,
                                      (ac__init_ac_interval_tick(f->c.bytes, &f->iv), &f->c),
                                      cx, NULL),
             AC_PENDING);
    CHECK_EQ(f->iv.next_ms, f->due);

    /* A period too long to add to the clock is due never, under each behaviour: the next tick
     * saturates instead of wrapping round to a time long past, which would tick at once. */
    for (f->missed = AC_MISSED_BURST; f->missed <= AC_MISSED_SKIP; f->missed++) {
        ac_interval_init(&f->iv, ~0ull - (unsigned)f->missed);
        f->iv.missed = f->missed;
        TICK(f);
        CHECK_EQ(f->iv.next_ms, ~0ull);
        CHECK_EQ(test_poll_once_then_drop(&ac__type_ac_interval_tick,
                                          (ac__init_ac_interval_tick(f->c.bytes, &f->iv), &f->c),
                                          cx, NULL),
                 AC_PENDING);
    }

    ac_interval_init(&f->iv, 0);
    CHECK_EQ(f->iv.period_ms, 1);
    CO_RETURN(f, 0);
    CO_END(f);
}
static const ac_future_type root_type = TEST_TYPE(root_frame, root_poll, co_drop);

int main(void)
{
    CHECK_EQ(test_block_on(&root_type), 0);
    ac_runtime_shutdown();
    puts("interval: schedule, BURST, DELAY, SKIP and a dropped tick");
    return 0;
}
