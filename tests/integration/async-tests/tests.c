/* tests.c: async tests (asyncc/test.h) for the integration test: two pass, `fails` fails on purpose. */
#include <asyncc/test.h>

AC_TEST(sleeps)
{
    unsigned long long t0 = ac_now_ms();
    await(ac_sleep_ms(20));
    AC_CHECK(ac_now_ms() - t0 >= 20);
}

async int twice(int x)
{
    await(ac_yield());
    return 2 * x;
}

AC_TEST(spawns)
{
    ac_task *t = ac_spawn(twice(21));
    int r = 0;
    AC_CHECK(await(ac_task_join(t, &r)) == 0);
    AC_CHECK(r == 42);
}

AC_TEST(fails)
{
    await(ac_yield());
    AC_CHECK(1 + 1 == 3);
}

AC_TEST_MAIN()
