/* tests/runtime/test_clock.c (async C): sleeps finer than a millisecond (never early, ended
 * within a few ticks on an idle machine), deadlines in ns, ac_timeout_at with a shared deadline
 * and one that has passed, a sub-millisecond limit raced with ac_select, and many short sleeps. */
#include "test.h"

async int slow(unsigned long ms, int v)
{
    await(ac_sleep_ms(ms));
    return v;
}

async int main(void)
{
    /* Never early; on an idle machine within a few ticks of the deadline. */
    unsigned long long worst = 0;
    for (int i = 0; i < 50; i++) {
        unsigned long long us = 100 + (unsigned long long)i * 37;
        unsigned long long t0 = ac_now_ns();
        await(ac_sleep_us(us));
        unsigned long long took = ac_now_ns() - t0;
        CHECK_INT(>=, took, us * 1000);
        if (took - us * 1000 > worst)
            worst = took - us * 1000;
    }
    fprintf(stderr, "clock: worst lateness of 50 sleeps of 100-1900 us: %llu us\n", worst / 1000);
    CHECK_INT(<, worst, 200 * 1000000ull); /* a loose bound: loaded CI machines and sanitizers */

    unsigned long long t0 = ac_now_ns();
    await(ac_sleep_us(0));
    await(ac_sleep_until_ns(t0)); /* passed: at once */
    await(ac_sleep_until_ns(t0 + 300000));
    CHECK_INT(>=, ac_now_ns(), t0 + 300000);
    CHECK_INT(<=, ac_now_ms() * 1000000ull, ac_now_ns());

    /* One deadline for two steps: the second gets what the first left. */
    unsigned long long deadline = ac_now_ms() + 300;
    int v = 0;
    CHECK_EQ(await(ac_timeout_at(deadline, v = slow(30, 1))), 0);
    CHECK_EQ(v, 1);
    v = 0;
    CHECK_EQ(await(ac_timeout_at(deadline, v = slow(400, 2))), -ETIMEDOUT);
    CHECK_EQ(v, 0);
    CHECK_INT(>=, ac_now_ms(), deadline);
    CHECK_EQ(ac_ms_until(deadline), 0);
    CHECK_EQ(await(ac_timeout_at(deadline, v = slow(1, 3))), -ETIMEDOUT);
    CHECK_EQ(await(ac_timeout_at(ac_now_ms() + 1000, v = slow(0, 4))), 0);
    CHECK_EQ(v, 4);

    /* A limit of 500 us, raced. */
    t0 = ac_now_ns();
    int which = await(ac_select(v = slow(2000, 5), ac_sleep_until_ns(t0 + 500000)));
    CHECK_EQ(which, 1);
    CHECK_INT(<, ac_now_ns() - t0, 1000000000ull); /* not the 2 s of the loser */

    /* Many concurrent short sleeps. */
    ac_task *tasks[100];
    for (int i = 0; i < 100; i++)
        tasks[i] = ac_spawn(slow(0, i));
    for (int i = 0; i < 100; i++) {
        int r = -1;
        await(ac_task_join(tasks[i], &r));
        CHECK_EQ(r, i);
    }
    printf("clock: ok\n");
    return 0;
}
