// -Wasync-blocking: a blocking libc/POSIX call in an async function, at the call, with what to
// await instead; AC_BLOCKING marks a program's own blocking functions; off with -Wno-async-blocking
// (or -Wno-async), an error with -Werror (undone by a later -Wno-error). Plain functions, calls
// in a function that awaits readiness (non-blocking descriptors) and a lock unlocked before any
// await are fine.
// RUN: %asyncc %s -o %t.c 2>&1 | %FileCheck %s --implicit-check-not=warning:
// RUN: %asyncc -Wno-async-blocking %s -o %t.c 2>&1 | %FileCheck %s --allow-empty --check-prefix=OFF
// RUN: %asyncc -Wno-async %s -o %t.c 2>&1 | %FileCheck %s --allow-empty --check-prefix=OFF
// RUN: not %asyncc -Werror %s -o %t.c 2>&1 | %FileCheck %s --check-prefix=ERR
// RUN: not test -e %t.c
// RUN: %asyncc -Werror -Wno-error=async-blocking %s -o %t.c
// -Wno-error after -Werror undoes it, as for gcc: warnings again, and the output written.
// RUN: %asyncc -Werror -Wno-error %s -o %t.c 2>&1 | %FileCheck %s --implicit-check-not=error:
// RUN: test -e %t.c
// RUN: not %asyncc -Wno-error -Werror %s -o %t.c 2>&1 | %FileCheck %s --check-prefix=ERR
// OFF-NOT: warning
#include <asyncc.h>
#include <netdb.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
void resolve_slowly(const char *host) AC_BLOCKING;

static void plain(void)
{
    sleep(1); /* a plain function may block: it is not a task */
}

async int handler(int fd, char *buf)
{
    sleep(1);
    // CHECK: lint_blocking.c:[[@LINE-1]]:5: warning: 'sleep' blocks the worker thread that runs async function 'handler' (and every task queued on it); use await(ac_sleep_ms(ms)) [-Wasync-blocking]
    // ERR: lint_blocking.c:[[@LINE-2]]:5: error: 'sleep' blocks the worker thread {{.*}} [-Werror,-Wasync-blocking]
    long n = recv(fd, buf, 16, 0);
    // CHECK: lint_blocking.c:[[@LINE-1]]:14: warning: 'recv' blocks {{.*}}; use await(ac_recv(...)) [-Wasync-blocking]
    n += recv(fd, buf, 16, MSG_DONTWAIT);
    pthread_mutex_lock(&lock); /* a short critical section: fine */
    n++;
    pthread_mutex_unlock(&lock);
    struct addrinfo *ai;
    if (getaddrinfo("localhost", "80", NULL, &ai) == 0)
        // CHECK: lint_blocking.c:[[@LINE-1]]:9: warning: 'getaddrinfo' blocks {{.*}}; use await(ac_spawn_blocking(...)) [-Wasync-blocking]
        freeaddrinfo(ai);
    n += system("true");
    // CHECK: lint_blocking.c:[[@LINE-1]]:10: warning: 'system' blocks {{.*}} [-Wasync-blocking]
    if (fgets(buf, 16, stdin))
        // CHECK: lint_blocking.c:[[@LINE-1]]:9: warning: 'fgets' blocks {{.*}}; use await(ac_read(...)) [-Wasync-blocking]
        n++;
    resolve_slowly("example.org");
    // CHECK: lint_blocking.c:[[@LINE-1]]:5: warning: 'resolve_slowly' is declared AC_BLOCKING: it blocks the worker thread that runs async function 'handler' (and every task queued on it) [-Wasync-blocking]
    await(ac_sleep_ms(1));
    plain();
    return (int)n;
}

/* The readiness loop of asyncc/fd.h: read on a non-blocking descriptor does not block. */
async long read_ready(int fd, char *buf)
{
    for (;;) {
        long n = read(fd, buf, 16);
        if (n >= 0)
            return n;
        await(ac_fd_readable(fd));
    }
}

/* More of the calls that wait (they were not known): for a child, a signal, a name, the others
 * at a barrier; readv's and writev's own async forms. sendfile to a non-blocking socket in the
 * readiness loop is an attempt, as write is there. */
async int waits(int fd, const struct iovec *iov, pthread_barrier_t *b, const sigset_t *set)
{
    FILE *p = popen("true", "r");
    // CHECK: lint_blocking.c:[[@LINE-1]]:15: warning: 'popen' blocks {{.*}} [-Wasync-blocking]
    int n = pclose(p);
    // CHECK: lint_blocking.c:[[@LINE-1]]:13: warning: 'pclose' blocks {{.*}}; use await(ac_spawn_blocking(...)) [-Wasync-blocking]
    int sig;
    n += sigwait(set, &sig);
    // CHECK: lint_blocking.c:[[@LINE-1]]:10: warning: 'sigwait' blocks {{.*}}; use await(ac_signal(signo)) [-Wasync-blocking]
    char host[64];
    n += getnameinfo(NULL, 0, host, sizeof host, NULL, 0, 0);
    // CHECK: lint_blocking.c:[[@LINE-1]]:10: warning: 'getnameinfo' blocks {{.*}}; use await(ac_spawn_blocking(...)) [-Wasync-blocking]
    n += pthread_barrier_wait(b);
    // CHECK: lint_blocking.c:[[@LINE-1]]:10: warning: 'pthread_barrier_wait' blocks {{.*}}; use await(ac_barrier_wait(b)) [-Wasync-blocking]
    n += (int)readv(fd, iov, 1);
    // CHECK: lint_blocking.c:[[@LINE-1]]:15: warning: 'readv' blocks {{.*}}; use await(ac_readv(...)) [-Wasync-blocking]
    await(ac_yield());
    return n;
}

async long send_ready(int out, int in)
{
    for (;;) {
        long n = sendfile(out, in, NULL, 4096);
        if (n >= 0)
            return n;
        await(ac_fd_writable(out));
    }
}

/* Locked here, unlocked by someone else: the lock call may wait for as long as they hold it. */
async void take(void)
{
    await(ac_yield());
    pthread_mutex_lock(&lock);
    // CHECK: lint_blocking.c:[[@LINE-1]]:5: warning: 'pthread_mutex_lock' blocks the worker thread that runs async function 'take' (and every task queued on it), and &lock is not unlocked in this function; use await(ac_mutex_lock(m)) [-Wasync-blocking]
}
