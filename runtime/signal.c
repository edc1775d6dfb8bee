/* runtime/signal.c: signals as futures: a handler counts deliveries per signal number and
 * writes a byte to a pipe; one dispatcher thread reads it and wakes the listeners. */
#define _GNU_SOURCE /* pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "asyncc/signal.h"
#include "fork.h"
#include "task.h"
#include "worker.h"

/* Deliveries of each signal number since the process started (the handler's only state). */
static _Atomic uint64_t delivered[NSIG];
static int wake_pipe[2] = {-1, -1};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER; /* listeners, handlers, the thread */
static ac_signal_listener *listeners[NSIG];
static bool handled[NSIG];

static void on_signal(int signo)
{
    int saved = errno;
    atomic_fetch_add_explicit(&delivered[signo], 1, memory_order_release);
    unsigned char b = (unsigned char)signo;
    ssize_t r = write(wake_pipe[1], &b, 1); /* full pipe: the dispatcher is awake anyway */
    (void)r;
    errno = saved;
}

/* Wakes every listener of signo that has not received its latest delivery. */
static void dispatch(int signo)
{
    uint64_t n = atomic_load_explicit(&delivered[signo], memory_order_acquire);
    pthread_mutex_lock(&lock);
    for (ac_signal_listener *s = listeners[signo]; s; s = s->next) {
        if (s->seen < n && s->waker.task) {
            ac_waker_wake(s->waker);
            s->waker.task = NULL;
        }
    }
    pthread_mutex_unlock(&lock);
}

static pthread_t dispatcher_thread;

/* Runs until a 0 byte (no signal has number 0) says the process is exiting. */
static void *dispatcher(void *arg)
{
    (void)arg;
    unsigned char buf[64];
    for (;;) {
        ssize_t n = read(wake_pipe[0], buf, sizeof buf);
        if (n < 0 && errno != EINTR)
            ac__panic("signal dispatcher: read: %s", strerror(errno));
        for (ssize_t i = 0; i < n; i++) {
            if (buf[i] == 0)
                return NULL;
            dispatch(buf[i]);
        }
    }
}

/* At exit, the thread is stopped and joined, so that no thread outlives main for valgrind or
 * LeakSanitizer to report. */
static void stop_dispatcher(void)
{
    unsigned char stop = 0;
    while (write(wake_pipe[1], &stop, 1) < 0 && (errno == EAGAIN || errno == EINTR))
        sched_yield();
    pthread_join(dispatcher_thread, NULL);
}

/* With lock held: the pipe and the dispatcher thread, once. */
static int start_dispatcher(void)
{
    if (wake_pipe[0] >= 0)
        return 0;
    int p[2];
    if (pipe2(p, O_CLOEXEC) < 0)
        return -errno;
    ac__fd_out_of_reach(&p[0]);
    ac__fd_out_of_reach(&p[1]);
    fcntl(p[1], F_SETFL, O_NONBLOCK);
    wake_pipe[0] = p[0];
    wake_pipe[1] = p[1];
    int r = ac__thread_start_quiet(&dispatcher_thread, dispatcher, NULL, "asyncc-signals");
    if (r) {
        close(p[0]);
        close(p[1]);
        wake_pipe[0] = wake_pipe[1] = -1;
        return -r;
    }
    static bool at_exit;
    if (!at_exit)
        at_exit = atexit(stop_dispatcher) == 0;
    return 0;
}

/* The pipe is the parent's too (a signal here would wake its listeners) and the dispatcher
 * thread is not here: close the pipe; ac__signal_renew makes a pipe and a thread of our own. */
static bool dispatcher_lost;

void ac__signal_before_fork(void)
{
    pthread_mutex_lock(&lock);
}

void ac__signal_parent_after_fork(void)
{
    pthread_mutex_unlock(&lock);
}

void ac__signal_after_fork(void)
{
    pthread_mutex_init(&lock, NULL);
    if (wake_pipe[0] < 0)
        return;
    int p[2] = {wake_pipe[0], wake_pipe[1]};
    wake_pipe[0] = wake_pipe[1] = -1;
    close(p[0]);
    close(p[1]);
    dispatcher_lost = true;
}

void ac__signal_renew(void)
{
    if (!dispatcher_lost)
        return;
    dispatcher_lost = false;
    pthread_mutex_lock(&lock);
    int r = start_dispatcher();
    pthread_mutex_unlock(&lock);
    if (r < 0)
        ac__panic("fork(): the child cannot start its signal dispatcher: %s", strerror(-r));
    /* What arrived while there was no pipe. */
    for (int signo = 1; signo < NSIG; signo++)
        if (handled[signo])
            dispatch(signo);
}

static bool forbidden(int signo)
{
    return signo <= 0 || signo >= NSIG || signo == SIGKILL || signo == SIGSTOP ||
           signo == SIGSEGV || signo == SIGBUS || signo == SIGILL || signo == SIGFPE;
}

/* With lock held: installs the handler for signo, once. */
static int install(int signo)
{
    if (handled[signo])
        return 0;
    int r = start_dispatcher();
    if (r < 0)
        return r;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    if (sigaction(signo, &sa, NULL) < 0)
        return -errno;
    handled[signo] = true;
    return 0;
}

int ac_signal_listen(ac_signal_listener *s, int signo)
{
    if (forbidden(signo))
        return -EINVAL;
    pthread_mutex_lock(&lock);
    int r = install(signo);
    if (r == 0) {
        s->signo = signo;
        s->seen = atomic_load_explicit(&delivered[signo], memory_order_acquire);
        s->waker.task = NULL;
        s->prev = NULL;
        s->next = listeners[signo];
        if (s->next)
            s->next->prev = s;
        listeners[signo] = s;
    }
    pthread_mutex_unlock(&lock);
    return r;
}

void ac_signal_unlisten(ac_signal_listener *s)
{
    pthread_mutex_lock(&lock);
    if (s->prev)
        s->prev->next = s->next;
    else
        listeners[s->signo] = s->next;
    if (s->next)
        s->next->prev = s->prev;
    ac_waker w = s->waker;
    s->waker.task = NULL;
    pthread_mutex_unlock(&lock);
    ac_waker_drop(w);
}

/* Takes a delivery not yet received (true), or leaves the task's waker for the dispatcher. */
static bool take_or_wait(ac_signal_listener *s, ac_cx *cx)
{
    ac_waker old = {NULL};
    bool got = false;
    pthread_mutex_lock(&lock);
    uint64_t n = atomic_load_explicit(&delivered[s->signo], memory_order_acquire);
    if (s->seen < n) {
        s->seen = n;
        got = true;
    } else {
        old = s->waker;
        s->waker = ac_cx_waker(cx);
    }
    pthread_mutex_unlock(&lock);
    ac_waker_drop(old);
    return got;
}

/* Takes the waker back from the dispatcher. */
static void stop_waiting(ac_signal_listener *s)
{
    pthread_mutex_lock(&lock);
    ac_waker w = s->waker;
    s->waker.task = NULL;
    pthread_mutex_unlock(&lock);
    ac_waker_drop(w);
}

/* ------------------------------------------------------------------------------------------ */
/* ac_signal_recv                                                                             */

struct recv_frame {
    unsigned state;
    int ret;
    ac_signal_listener *s;
};

static int recv_poll(void *frame, ac_cx *cx)
{
    struct recv_frame *f = frame;
    if (f->state == 0 && !ac__coop_check(cx)) /* a delivery there completes it at once */
        return AC_PENDING;
    if (!take_or_wait(f->s, cx)) {
        f->state = 1;
        return AC_PENDING;
    }
    ac__coop_charge(cx);
    f->state = AC_STATE_DONE;
    return AC_READY;
}

static void recv_drop(void *frame, ac_cx *cx)
{
    (void)cx;
    struct recv_frame *f = frame;
    if (f->state == 1)
        stop_waiting(f->s);
    f->state = AC_STATE_DONE;
}

AC__LEAF_TYPE(ac_signal_recv, struct recv_frame, ret, recv_poll, recv_drop, "signal");

AC_EXPORT void ac__init_ac_signal_recv(void *frame, ac_signal_listener *s);
void ac__init_ac_signal_recv(void *frame, ac_signal_listener *s)
{
    struct recv_frame *f = frame;
    f->state = 0;
    f->ret = 0;
    f->s = s;
}

/* ------------------------------------------------------------------------------------------ */
/* ac_signal, ac_ctrl_c: a listener in the frame, for one delivery                           */

struct once_frame {
    unsigned state; /* 0, 1: listening, DONE */
    int ret;
    int signo;
    ac_signal_listener s;
};

static int once_poll(void *frame, ac_cx *cx)
{
    struct once_frame *f = frame;
    if (f->state == 0) {
        if (!ac__coop_check(cx)) /* a bad signal number completes it at once */
            return AC_PENDING;
        f->ret = ac_signal_listen(&f->s, f->signo);
        if (f->ret < 0) {
            ac__coop_charge(cx);
            f->state = AC_STATE_DONE;
            return AC_READY;
        }
        f->state = 1;
    }
    if (!take_or_wait(&f->s, cx))
        return AC_PENDING;
    ac_signal_unlisten(&f->s);
    f->state = AC_STATE_DONE;
    return AC_READY;
}

static void once_drop(void *frame, ac_cx *cx)
{
    (void)cx;
    struct once_frame *f = frame;
    if (f->state == 1)
        ac_signal_unlisten(&f->s);
    f->state = AC_STATE_DONE;
}

AC__LEAF_TYPE(ac_signal, struct once_frame, ret, once_poll, once_drop, "signal");

AC_EXPORT void ac__init_ac_signal(void *frame, int signo);
void ac__init_ac_signal(void *frame, int signo)
{
    struct once_frame *f = frame;
    f->state = 0;
    f->ret = 0;
    f->signo = signo;
}

AC__LEAF_TYPE(ac_ctrl_c, struct once_frame, ret, once_poll, once_drop, "signal");

AC_EXPORT void ac__init_ac_ctrl_c(void *frame);
void ac__init_ac_ctrl_c(void *frame)
{
    ac__init_ac_signal(frame, SIGINT);
}
