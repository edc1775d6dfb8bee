// -Wasync-thread-local-across-await: a thread-local (_Thread_local, __thread) or errno whose value
// or address an async function carries across an await, where the task may resume on another
// worker thread: a value set before and read after (errno: a plain call sets it too), a value read
// into a local before and stored back after, an address used after or given to a future. At the
// use, with the lines of the await and of the set, read or address. Reads, writes and addresses
// whose use ends before the next await, updates in place (tls++) and sizeof are fine.
// RUN: %asyncc %s -o %t.c 2>&1 | %FileCheck %s --implicit-check-not=warning:
// RUN: %asyncc -Wno-async-thread-local-across-await %s -o %t.c 2>&1 | %FileCheck %s --allow-empty --check-prefix=OFF
// RUN: %asyncc -Wno-async %s -o %t.c 2>&1 | %FileCheck %s --allow-empty --check-prefix=OFF
// RUN: not %asyncc -Werror=async-thread-local-across-await %s -o %t.c 2>&1 | %FileCheck %s --check-prefix=ERR
// OFF-NOT: warning
#include <asyncc.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static _Thread_local int tls;
static __thread int counter;
static __thread char tbuf[64];
static __thread struct {
    int a, b[4];
} ts;
static __thread int *tptr;

async int g(void);
async int h(int *p);

async int errno_set_then_read(const char *s)
{
    errno = 0;
    await(g());
    if (errno)
        // CHECK: lint_thread_local.c:[[@LINE-1]]:9: warning: 'errno' is read after the await at line [[@LINE-2]] but was set before it (at line [[@LINE-3]]): the task may have resumed on another worker thread, whose 'errno' this reads; keep the value in a local before the await [-Wasync-thread-local-across-await]
        // ERR: lint_thread_local.c:[[@LINE-2]]:9: error: 'errno' is read after {{.*}} [-Werror,-Wasync-thread-local-across-await]
        return -1;
    long v = strtol(s, NULL, 10);
    await(g());
    if (errno == ERANGE)
        // CHECK: lint_thread_local.c:[[@LINE-1]]:9: warning: 'errno' is read after the await at line [[@LINE-2]] but was set before it (by the call of 'strtol' at line [[@LINE-3]]){{.*}} [-Wasync-thread-local-across-await]
        return -2;
    errno = 0;
    v += strtol(s, NULL, 10);
    int e = errno; /* fine: read before the await */
    await(g());
    errno = 0; /* fine: set again after it */
    v += strtol(s, NULL, 10);
    return errno ? -3 : (int)v + e;
}

async int addresses(void)
{
    int *p = &counter;
    await(g());
    (*p)++;
    // CHECK: lint_thread_local.c:[[@LINE-1]]:7: warning: 'p' points to thread-local 'counter' (its address taken at line [[@LINE-3]]) and is used after the await at line [[@LINE-2]]: the task may have resumed on another worker thread, and 'p' still points to the first thread's, which that thread's tasks use meanwhile [-Wasync-thread-local-across-await]
    char *b = tbuf;
    int *q = &ts.b[1];
    await(g());
    b[0] = 'x';
    // CHECK: lint_thread_local.c:[[@LINE-1]]:5: warning: 'b' points to thread-local 'tbuf' (its address taken at line [[@LINE-4]]) and is used after the await at line [[@LINE-2]]
    *q = 1;
    // CHECK: lint_thread_local.c:[[@LINE-1]]:6: warning: 'q' points to thread-local 'ts' (its address taken at line [[@LINE-5]]) and is used after the await at line [[@LINE-4]]
    await(h(&tls));
    // CHECK: lint_thread_local.c:[[@LINE-1]]:13: warning: the address of thread-local 'tls' goes into the future awaited here, which may resume on another worker thread and still point to the first thread's 'tls' [-Wasync-thread-local-across-await]
    await(h(ts.b));
    // CHECK: lint_thread_local.c:[[@LINE-1]]:13: warning: the address of thread-local 'ts' goes into the future awaited here
    int *r = &tls;
    ac_task *t = ac_spawn(h(r));
    // CHECK: lint_thread_local.c:[[@LINE-1]]:29: warning: 'r', which points to thread-local 'tls' (its address taken at line [[@LINE-2]]), goes into a spawned task, which may run on another worker thread and still point to the first thread's 'tls' [-Wasync-thread-local-across-await]
    await(ac_task_join(t, NULL));
    return 0;
}

async int write_back(void)
{
    int x = tls;
    await(g());
    tls = x + 1;
    // CHECK: lint_thread_local.c:[[@LINE-1]]:5: warning: 'x' holds the value of thread-local 'tls' read at line [[@LINE-3]], and is stored back into it after the await at line [[@LINE-2]]: the task may have resumed on another worker thread, whose 'tls' this overwrites (and the first thread's may have changed meanwhile) [-Wasync-thread-local-across-await]
    int saved = errno;
    await(g());
    errno = saved;
    // CHECK: lint_thread_local.c:[[@LINE-1]]:5: warning: 'saved' holds the value of 'errno' read at line [[@LINE-3]], and is stored back into it after the await at line [[@LINE-2]]
    int y = ts.a;
    await(g());
    ts.a = y;
    // CHECK: lint_thread_local.c:[[@LINE-1]]:5: warning: 'y' holds the value of thread-local 'ts' read at line [[@LINE-3]]
    return 0;
}

/* The back edge of a loop, and the way out of one. */
async int loops(int n)
{
    for (int i = 0; i < n; i++) {
        if (tls != i)
            // CHECK: lint_thread_local.c:[[@LINE-1]]:13: warning: thread-local 'tls' is read after the await at line [[@LINE+3]] but was set before it (at line [[@LINE+2]])
            return -1;
        tls = i + 1;
        await(g());
    }
    return 0;
}

async int loop_exit(int n)
{
    while (n--) {
        tls = n;
        if (n == 3)
            break; /* no await since the set */
        await(g());
    }
    return tls;
    // CHECK: lint_thread_local.c:[[@LINE-1]]:12: warning: thread-local 'tls' is read after the await at line [[@LINE-3]] but was set before it (at line [[@LINE-6]])
}

async int fine(int c)
{
    int x = tls; /* a copy of the value */
    await(g());
    int y = x + tls; /* this thread's, read after the await */
    counter++;       /* updates in place: each thread's counter */
    await(g());
    counter += 2;
    tls = 5;
    y += tls; /* no await between */
    await(g());
    tls = 6; /* set again after the await */
    y += tls;
    int *p = &tls;
    *p = 1; /* used before any await */
    await(g());
    p = &counter; /* another address, taken after it */
    *p = 2;
    tptr[0] = 1;     /* a thread-local pointer's value is a copy: */
    await(h(tptr));  /* what it points to is no thread's own */
    y += (int)sizeof tls;
    await(g());
    if (c) {
        errno = 0;
        return 0;
    }
    x = 0;
    await(g());
    return y + x;
}

async int maybe_set(int c)
{
    if (c)
        tls = 1;
    else
        await(g()); /* no path sets and then awaits */
    return tls;
}

async int conditions(const char *name, FILE *f, char *buf)
{
    errno = 0;
    await(g());
    if (name && !freopen(name, "r", f)) /* the branch runs only where the call ran: fine */
        return errno;
    await(g());
    if (name == NULL || fclose(f) == 0)
        return 0;
    else
        return errno; /* fclose ran: fine */
}

async int conditions_loop(const char *name, FILE *f, char *buf)
{
    errno = 0;
    await(g());
    while (name && fputs(name, f) < 0) {
        if (errno != EINTR) /* fputs ran: fine */
            return -1;
        await(g());
    }
    int r = !(name && fflush(f)) ? 0 : errno; /* fflush ran: fine */
    await(g());
    if (!name || fclose(f) != 0)
        return errno; /* no call where name is NULL: the errno of before the await */
    // CHECK: lint_thread_local.c:[[@LINE-1]]:16: warning: 'errno' is read after the await at line [[@LINE-3]] but was set before it ({{.*}})
    return r;
}

/* A call through a pointer sets errno too (sqlite's `rc = osFstat(fd, &buf);`, osFstat a macro
 * of `((int (*)(int, struct stat *))aSyscall[5].pCurrent)`): it has no name to say. */
static void *const syscalls[] = {(void *)close};
#define os_close ((int (*)(int))syscalls[0])

async int through_pointer(int fd)
{
    int rc = os_close(fd);
    await(g());
    if (rc != 0 && errno == EBADF)
        // CHECK: lint_thread_local.c:[[@LINE-1]]:20: warning: 'errno' is read after the await at line [[@LINE-2]] but was set before it (by a call through a pointer at line [[@LINE-3]]){{.*}} [-Wasync-thread-local-across-await]
        return 1;
    return 0;
}

async int main(void)
{
    return await(errno_set_then_read("1")) + await(addresses()) + await(write_back()) + await(loops(2)) + await(loop_exit(2)) +
           await(fine(0)) + await(maybe_set(1)) +
           await(conditions(NULL, stdin, NULL)) + await(conditions_loop(NULL, stdout, NULL)) +
           await(through_pointer(-1));
}

/* An async function of this file that assigns errno (code ported from the errno convention): its
 * code after its last await runs on the thread that resumes its caller, so errno read after an
 * await of it is its own, as after a plain call: no warning (there was one, an error under
 * -Werror). */
async int acquire(int fail)
{
    await(ac_yield());
    if (fail) {
        errno = EIO;
        return -1;
    }
    return 0;
}

async int errno_from_callee(void)
{
    errno = 0;
    if (await(acquire(1)) < 0)
        return errno;
    errno = 0;
    await(ac_join(acquire(0), ac_yield()));
    if (errno)
        return -errno;
    errno = 0;
    await(ac_yield());
    return errno;
    // CHECK: lint_thread_local.c:[[@LINE-1]]:12: warning: 'errno' is read after the await at line [[@LINE-2]] but was set before it (at line [[@LINE-3]]){{.*}} [-Wasync-thread-local-across-await]
}
