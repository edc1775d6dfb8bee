/* tests/runtime/test_harness_iso.c (async C): <asyncc/test.h> in a program built as ISO C11
 * (-std=c11, as CMake's C_EXTENSIONS OFF makes it; no POSIX feature-test macro): the harness
 * timed each test with clock_gettime(CLOCK_MONOTONIC) and a struct timespec, which <time.h>
 * does not declare there, so such a test file did not compile. It now times with ac_now_ns. */
#include <asyncc/test.h>

AC_TEST(sleeps)
{
    unsigned long long t0 = ac_now_ns();
    await(ac_sleep_us(500));
    AC_CHECK(ac_now_ns() - t0 >= 500000);
}

AC_TEST_MAIN()
