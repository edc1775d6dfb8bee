/* tests/runtime/stress.h: sizes for stress tests, smaller under sanitizers (which run the same
 * code 5-20 times slower), and a watchdog that fails a hung test instead of waiting for ctest. */
#ifndef ASYNCC_STRESS_H
#define ASYNCC_STRESS_H

#include <signal.h>
#include <unistd.h>

#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
#define STRESS_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer) || __has_feature(address_sanitizer)
#define STRESS_SANITIZED 1
#endif
#endif
#ifndef STRESS_SANITIZED
#define STRESS_SANITIZED 0
#endif

/* n in a normal build, n / div under a sanitizer. */
#define STRESS_N(n, div) (STRESS_SANITIZED ? (n) / (div) : (n))

static void stress_watchdog_fired(int sig)
{
    (void)sig;
    static const char msg[] = "stress test watchdog: no progress, a wakeup was probably lost\n";
    ssize_t r = write(2, msg, sizeof msg - 1);
    (void)r;
    _exit(3);
}

static inline void stress_watchdog(unsigned seconds)
{
    signal(SIGALRM, stress_watchdog_fired);
    alarm(seconds);
}

#endif
