/* asyncc/test.h: tests written as async functions (Tokio's #[tokio::test]): AC_TEST(name) { ... }
 * runs its body as a task on a fresh runtime; the test binary lists and runs them (ac_test_main). */
#ifndef ASYNCC_TEST_H
#define ASYNCC_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../asyncc.h"

/*
 *   #include <asyncc/test.h>
 *
 *   AC_TEST(sleep_wakes)
 *   {
 *       unsigned long long t0 = ac_now_ms();
 *       await(ac_sleep_ms(20));
 *       AC_CHECK(ac_now_ms() - t0 >= 20);
 *   }
 *
 *   AC_TEST_MAIN()
 *
 * Each test is an async void function; AC_CHECK(cond) fails it (with the file, line and
 * condition) and returns from it. The binary built from such files (transpiled as any async C):
 *
 *   ./tests            runs every test, each on a fresh runtime (started for it, shut down
 *                      after it: no task, timer or descriptor of one test outlives it)
 *   ./tests NAME...    runs those tests only
 *   ./tests --list     prints the names, one per line (what ctest discovery reads)
 *
 * and exits 0 when every test it ran passed, 1 otherwise (a test whose runtime cannot start,
 * say ASYNCC_BACKEND=io_uring where io_uring is denied, fails with the reason), 2 for an unknown
 * name. Tests may be spread over several files, each name once in the program (a binary with two
 * tests of one name runs none and exits 2); one of them has AC_TEST_MAIN (or call ac_test_main
 * yourself).
 * CMake: asyncc_discover_tests(target) registers one ctest test per AC_TEST.
 */

typedef struct ac__test {
    const char *name, *file;
    void (*run)(void);
    struct ac__test *next;
} ac__test;

/* One list for the whole program, whichever files define tests (weak: merged by the linker). */
__attribute__((weak)) ac__test *ac__tests, **ac__tests_tail = &ac__tests;
__attribute__((weak)) int ac__test_failed;

static inline void ac__test_add(ac__test *t)
{
    *ac__tests_tail = t;
    ac__tests_tail = &t->next;
}

#define AC_CHECK(cond)                                                                             \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);              \
            ac__test_failed = 1;                                                                   \
            return;                                                                                \
        }                                                                                          \
    } while (0)

#define AC_TEST(name)                                                                              \
    static async void ac__test_body_##name(void);                                                  \
    static void ac__test_run_##name(void)                                                          \
    {                                                                                              \
        ac_block_on(ac__test_body_##name());                                                       \
    }                                                                                              \
    __attribute__((constructor)) static void ac__test_register_##name(void)                        \
    {                                                                                              \
        static ac__test t = {#name, __FILE__, ac__test_run_##name, 0};                             \
        ac__test_add(&t);                                                                          \
    }                                                                                              \
    static async void ac__test_body_##name(void)

/* Declared first for -Wmissing-prototypes: the definitions below are weak, one per program. */
int ac__test_run_one(const ac__test *t);
int ac_test_main(int argc, char **argv);

/* Runs one test on a fresh runtime; returns 1 when it passed. A runtime that cannot start
 * fails the test with the reason: ac_block_on would return at once without running the body,
 * which a void test cannot tell from a pass. */
__attribute__((weak)) int ac__test_run_one(const ac__test *t)
{
    /* The runtime's clock: clock_gettime and struct timespec need POSIX's feature-test macros,
     * which a test built with -std=c11 (CMake's C_EXTENSIONS OFF) does not have. */
    unsigned long long start = ac_now_ns();
    ac__test_failed = 0;
    printf("[ RUN  ] %s\n", t->name);
    fflush(stdout);
    if (ac_runtime_start() < 0) {
        fprintf(stderr, "%s: the runtime cannot start: %s\n", t->name, ac_runtime_start_error());
        ac__test_failed = 1;
    } else {
        t->run();
    }
    ac_runtime_shutdown();
    double ms = (double)(ac_now_ns() - start) / 1e6;
    printf("[ %s ] %s (%.1f ms)\n", ac__test_failed ? "FAIL" : " OK ", t->name, ms);
    fflush(stdout);
    return !ac__test_failed;
}

/* Two tests of one name (AC_TEST(basic) in two files: their bodies are static) would both run
 * for that name, and ctest would register the name twice: the binary refuses to run. Returns 0,
 * or 2 after saying which. (Declared first for -Wmissing-prototypes.) */
int ac__test_unique_names(const char *argv0);
__attribute__((weak)) int ac__test_unique_names(const char *argv0)
{
    for (ac__test *t = ac__tests; t; t = t->next)
        for (ac__test *u = t->next; u; u = u->next)
            if (strcmp(t->name, u->name) == 0) {
                fprintf(stderr, "%s: two tests are named '%s', in %s and in %s: rename one\n", argv0, t->name,
                        t->file, u->file);
                return 2;
            }
    return 0;
}

__attribute__((weak)) int ac_test_main(int argc, char **argv)
{
    if (ac__test_unique_names(argv[0]))
        return 2;
    if (argc == 2 && strcmp(argv[1], "--list") == 0) {
        for (ac__test *t = ac__tests; t; t = t->next)
            printf("%s\n", t->name);
        return 0;
    }
    int ran = 0, failed = 0;
    for (int i = 1; i < argc; i++) {
        ac__test *t = ac__tests;
        while (t && strcmp(t->name, argv[i]) != 0)
            t = t->next;
        if (!t) {
            fprintf(stderr, "%s: no test named '%s' (--list names them)\n", argv[0], argv[i]);
            return 2;
        }
    }
    for (ac__test *t = ac__tests; t; t = t->next) {
        int wanted = argc < 2;
        for (int i = 1; i < argc && !wanted; i++)
            wanted = strcmp(t->name, argv[i]) == 0;
        if (!wanted)
            continue;
        ran++;
        failed += !ac__test_run_one(t);
    }
    printf("%d test%s, %d failed\n", ran, ran == 1 ? "" : "s", failed);
    return failed ? 1 : 0;
}

#define AC_TEST_MAIN()                                                                             \
    int main(int argc, char **argv)                                                                \
    {                                                                                              \
        return ac_test_main(argc, argv);                                                           \
    }

#endif
