/* tests/runtime/test_harness_start.c (async C): <asyncc/test.h>'s harness fails a test whose
 * runtime cannot start (here ASYNCC_BACKEND names no backend), with the reason, rather than
 * passing it: ac_block_on returned at once without running the void body, and the harness
 * printed "[  OK  ]" and "0 failed" for tests that never ran. With a backend that starts, the
 * same test runs and passes. */
#include <asyncc/test.h>

#include <stdatomic.h>
#include <stdlib.h>

static atomic_int bodies;

AC_TEST(runs)
{
    await(ac_sleep_ms(1));
    atomic_fetch_add(&bodies, 1);
}

static void check(int cond, const char *what)
{
    if (!cond) {
        fprintf(stderr, "harness_start: %s\n", what);
        abort();
    }
}

int main(void)
{
    char name[] = "test_harness_start", test[] = "runs";
    char *argv[] = {name, test, NULL};
    const char *backend = getenv("ASYNCC_BACKEND"); /* the epoll run's, or none */
    char *saved = backend ? strdup(backend) : NULL;

    setenv("ASYNCC_BACKEND", "no-such-backend", 1);
    check(ac_test_main(2, argv) == 1, "a test whose runtime cannot start did not fail");
    check(atomic_load(&bodies) == 0, "the body ran without a runtime");

    if (saved)
        setenv("ASYNCC_BACKEND", saved, 1);
    else
        unsetenv("ASYNCC_BACKEND");
    free(saved);
    check(ac_test_main(2, argv) == 0, "the test failed with a runtime that starts");
    check(atomic_load(&bodies) == 1, "the body did not run once");
    return 0;
}
