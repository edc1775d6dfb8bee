/* tests/runtime/test_stress_size.c (async C): STRESS_N shrinks in an async C test of a sanitizer
 * build, as in a plain C one. asyncc preprocesses without the compiler's -fsanitize, so the
 * compiler's macros cannot say it: the build defines STRESS_SANITIZED for every runtime test. */
#include "stress.h"
#include "test.h"

/* Defined by the sanitizers' run-time libraries only. */
extern void __asan_init(void) __attribute__((weak));
extern void __tsan_init(void) __attribute__((weak));

async int main(void)
{
    int linked = __asan_init != NULL || __tsan_init != NULL;
    CHECK_EQ(STRESS_SANITIZED, linked);
    CHECK_EQ(STRESS_N(300, 10), linked ? 30 : 300);
    printf("stress_size: ok (sanitized: %d)\n", linked);
    return 0;
}
