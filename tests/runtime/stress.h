/* tests/runtime/stress.h: sizes for stress tests, smaller under sanitizers (which run the same
 * code 5-20 times slower), and watchdogs that fail a hung test instead of waiting for ctest. */
#ifndef ASYNCC_STRESS_H
#define ASYNCC_STRESS_H

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <unistd.h>

/* The build says it (tests/runtime/CMakeLists.txt defines STRESS_SANITIZED in the sanitizer
 * builds): asyncc preprocesses an async C test without the compiler's -fsanitize, so the
 * compiler's own macros below are seen only by the plain C tests. */
#ifndef STRESS_SANITIZED
#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
#define STRESS_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer) || __has_feature(address_sanitizer)
#define STRESS_SANITIZED 1
#endif
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

/* Fails the test when *counter has not moved for stall_seconds: a lost wakeup stops it for good,
 * while a loaded machine only slows it (a deadline on the whole run failed a million wakeups that
 * took over 100 s beside other tests). */
struct stress_progress {
    const _Atomic long *counter;
    unsigned stall_seconds;
    atomic_bool done; /* the counted work is over: what follows is not watched */
    pthread_t thread;
    bool started;
};
static struct stress_progress stress_progress;

static void *stress_progress_main(void *arg)
{
    struct stress_progress *p = arg;
    long last = atomic_load(p->counter);
    for (unsigned still = 0; !atomic_load(&p->done);) {
        sleep(1);
        long now = atomic_load(p->counter);
        still = now == last ? still + 1 : 0;
        last = now;
        if (still >= p->stall_seconds)
            stress_watchdog_fired(0);
    }
    return NULL;
}

static inline void stress_watchdog_progress(const _Atomic long *counter, unsigned stall_seconds)
{
    stress_progress.counter = counter;
    stress_progress.stall_seconds = stall_seconds;
    stress_progress.started =
        pthread_create(&stress_progress.thread, NULL, stress_progress_main, &stress_progress) == 0;
}

/* Ends what stress_watchdog_progress watches (within a second: joins its thread, which valgrind
 * would otherwise report as a leak). */
static inline void stress_watchdog_done(void)
{
    atomic_store(&stress_progress.done, true);
    if (stress_progress.started)
        pthread_join(stress_progress.thread, NULL);
}

#endif
