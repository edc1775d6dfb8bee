/* asyncc/signal.h: Unix signals as futures (Tokio's signal::ctrl_c and signal::unix): any number
 * of tasks may wait for a signal; the runtime's threads never run user code in a handler. */
#ifndef ASYNCC_SIGNAL_H
#define ASYNCC_SIGNAL_H


#include "future.h"
#include "lang.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A listener of one signal, from ac_signal_listen to ac_signal_unlisten. The fields are the
 * runtime's; it may live anywhere (a frame, the heap) that stays put while it listens. */
typedef struct ac_signal_listener {
    struct ac_signal_listener *next, *prev;
    int signo;
    __UINT64_TYPE__ seen; /* deliveries received so far */
    ac_waker waker;
} ac_signal_listener;

/* Bounds on the frames of the futures below (see future.h): awaiting them allocates nothing. */
enum {
    ac__frame_size_ac_signal_recv = 16,
    ac__frame_size_ac_signal = 56,
    ac__frame_size_ac_ctrl_c = 56
};

/*
 * Starts listening for signo on s: from now on each delivery of signo is kept for s until
 * ac_signal_recv takes it (deliveries that arrive before a recv are coalesced into one, as the
 * kernel coalesces pending signals). The first listener of a signal number installs the
 * runtime's handler for it (sigaction with SA_RESTART), which stays installed for the life of the
 * process: the signal's default action (SIGINT ending the process) no longer happens, also
 * after every listener is gone. Returns 0, or -EINVAL for SIGKILL, SIGSTOP, SIGSEGV, SIGBUS,
 * SIGILL, SIGFPE and numbers out of range, or -errno when the handler or its thread cannot be
 * set up. Plain call; any thread.
 */
AC_EXPORT int ac_signal_listen(ac_signal_listener *s, int signo);

/* Stops listening; s may be freed afterwards. No ac_signal_recv of s may be pending. */
AC_EXPORT void ac_signal_unlisten(ac_signal_listener *s);

/* Waits for a delivery of s's signal not yet received. Returns 0. Cancel-safe: a delivery
 * that arrives while the wait is being dropped stays for the next recv. One task at a time. */
AC_EXPORT async int ac_signal_recv(ac_signal_listener *s);

/* One-shot: listens for signo from the first poll on and waits for one delivery. Returns 0, or
 * the -errno of ac_signal_listen. A delivery before the first poll is not seen: for a loop
 * over deliveries use ac_signal_listen and ac_signal_recv. */
AC_EXPORT async int ac_signal(int signo);

/* ac_signal(SIGINT): Ctrl-C at the terminal. */
AC_EXPORT async int ac_ctrl_c(void);

#ifdef __cplusplus
}
#endif

#endif
