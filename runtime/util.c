/* runtime/util.c: the panic for impossible failures, the slow path of the spin lock, the move of
 * the runtime's own descriptors out of 0-9, its threads' alternate signal stacks, names and
 * signal masks. */
#define _GNU_SOURCE /* pthread_setname_np */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "util.h"

void ac__panic(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("asyncc: fatal: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    abort();
}

void ac__spin_backoff(unsigned n)
{
    if (n < 100) {
#if defined(__x86_64__) || defined(__i386__)
        __builtin_ia32_pause();
#endif
    } else {
        sched_yield();
    }
}

void ac__spin_wait(ac__spinlock *l)
{
    for (unsigned n = 0;; n++) {
        if (!atomic_load_explicit(&l->locked, memory_order_relaxed) &&
            !atomic_exchange_explicit(&l->locked, 1, memory_order_acquire))
            return;
        ac__spin_backoff(n);
    }
}

int ac__fd_out_of_reach(int *fd)
{
    if (*fd < 0 || *fd >= AC__FD_FIRST_OWN)
        return 0;
    int moved = fcntl(*fd, F_DUPFD_CLOEXEC, AC__FD_FIRST_OWN);
    if (moved < 0 && *fd > 2)
        return 0; /* no number free that high (RLIMIT_NOFILE): at least not a standard one */
    if (moved < 0)
        moved = fcntl(*fd, F_DUPFD_CLOEXEC, 3);
    if (moved < 0)
        return -errno;
    close(*fd);
    *fd = moved;
    return 0;
}

void ac__name_thread(pthread_t t, const char *name, int index)
{
    char buf[16]; /* the kernel's limit, with the terminating NUL */
    if (index >= 0)
        snprintf(buf, sizeof buf, "%s%d", name, index);
    else
        snprintf(buf, sizeof buf, "%s", name);
    pthread_setname_np(t, buf); /* a name is a help: a failure is none of the caller's */
}

void ac__signals_hold(sigset_t *old)
{
    sigset_t held;
    sigfillset(&held);
    static const int faults[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGSYS};
    for (size_t i = 0; i < sizeof faults / sizeof faults[0]; i++)
        sigdelset(&held, faults[i]);
    pthread_sigmask(SIG_BLOCK, &held, old);
}

int ac__thread_start_quiet(pthread_t *t, void *(*fn)(void *), void *arg, const char *name)
{
    sigset_t old;
    ac__signals_hold(&old); /* the new thread starts with this mask */
    int r = pthread_create(t, NULL, fn, arg);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (r == 0)
        ac__name_thread(*t, name, -1);
    return r;
}

void ac__altstack_note(stack_t *saved)
{
    if (sigaltstack(NULL, saved) != 0)
        saved->ss_flags = SS_DISABLE;
}

void ac__altstack_restore(const stack_t *saved)
{
    stack_t again = *saved;
    /* SS_ONSTACK is what sigaltstack reports, not what it takes */
    again.ss_flags = (saved->ss_flags & SS_DISABLE) ? SS_DISABLE : 0;
    sigaltstack(&again, NULL);
}
