/* asyncc/sync.h: synchronization between tasks: semaphore, mutex, notify, read-write lock,
 * barrier, and spawn_blocking.
 * Waiting never blocks a worker; every wait is cancellation-safe (dropping it gives nothing up). */
#ifndef ASYNCC_SYNC_H
#define ASYNCC_SYNC_H

#include "sys.h"

#include "future.h"
#include "lang.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Bounds on the frames of the futures below (see future.h): awaiting them allocates nothing. */
enum {
    ac__frame_size_ac_semaphore_acquire = 64,
    ac__frame_size_ac_mutex_lock = 64,
    ac__frame_size_ac_notify_wait = 64,
    ac__frame_size_ac_notified_wait = 64,
    ac__frame_size_ac_spawn_blocking = 48,
    ac__frame_size_ac_rwlock_read = 64,
    ac__frame_size_ac_rwlock_write = 64,
    ac__frame_size_ac_barrier_wait = 64
};

/* ---- Semaphore: FIFO, so a large request is not starved by small ones. ---- */
typedef struct ac_semaphore ac_semaphore;

/* Returns a semaphore holding permits permits, or NULL when out of memory. */
AC_EXPORT ac_semaphore *ac_semaphore_new(size_t permits);
/* Frees it; nobody may be waiting on it or use it afterwards. A waiter that ac_semaphore_release
 * or _close has woken waits no more: `ac_semaphore_release(s, n); ac_semaphore_free(s);` is
 * safe, its await returns without touching s. (Only a waiter granted permits and then dropped
 * before it ran would give them back to s: free s only when that cannot happen.) */
AC_EXPORT void ac_semaphore_free(ac_semaphore *sem);
/* Waits until n permits are available and takes them. Returns 0, or -EPIPE when the semaphore
 * was closed. Dropped while waiting: takes nothing (permits granted meanwhile are passed on). */
AC_EXPORT async int ac_semaphore_acquire(ac_semaphore *sem, size_t n);
/* Takes n permits if they are available now and nobody waits before us: 0, -EAGAIN or -EPIPE. */
AC_EXPORT int ac_semaphore_try_acquire(ac_semaphore *sem, size_t n);
/* Returns n permits, waking waiters in order. The count saturates at SIZE_MAX (it never wraps
 * to a few permits). */
AC_EXPORT void ac_semaphore_release(ac_semaphore *sem, size_t n);
/* Closes: every waiter and every later acquire gets -EPIPE. */
AC_EXPORT void ac_semaphore_close(ac_semaphore *sem);
/* Permits available now. */
AC_EXPORT size_t ac_semaphore_available(ac_semaphore *sem);

/* ---- Mutex: an async lock, fair (FIFO); may be held across awaits. ---- */
typedef struct ac_mutex ac_mutex;

/* A free mutex, or NULL when out of memory; freed by ac_mutex_free, when nobody holds it or
 * waits for it. */
AC_EXPORT ac_mutex *ac_mutex_new(void);
AC_EXPORT void ac_mutex_free(ac_mutex *mutex);
/* Waits for the lock and takes it. Dropped while waiting: the lock is not taken. */
AC_EXPORT async void ac_mutex_lock(ac_mutex *mutex);
/* Takes the lock if it is free: 0 or -EBUSY. */
AC_EXPORT int ac_mutex_try_lock(ac_mutex *mutex);
/* Releases the lock (held by the caller), handing it to the first waiter. */
AC_EXPORT void ac_mutex_unlock(ac_mutex *mutex);

/* ---- Notify (Tokio's Notify): wake one waiter, or all, without data. ---- */
typedef struct ac_notify ac_notify;

/* A notify with no stored permit, or NULL when out of memory; freed by ac_notify_free, when
 * nobody waits on it and no ac_notify_one/all runs on it any more. A wait that ac_notify_one or
 * _all has woken waits no more: `ac_notify_one(n); ac_notify_free(n);` is safe, the woken
 * await returns without touching n. (Only a wait chosen by ac_notify_one and then dropped
 * before it ran would pass its notification on to n: free n only when that cannot happen.) */
AC_EXPORT ac_notify *ac_notify_new(void);
AC_EXPORT void ac_notify_free(ac_notify *notify);
/* Waits for a notification; consumes the stored permit at once if ac_notify_one left one.
 * Dropped after ac_notify_one chose it: the notification goes to the next waiter. */
AC_EXPORT async void ac_notify_wait(ac_notify *notify);
/* Wakes the first waiter, or stores one permit for the next ac_notify_wait when nobody waits. */
AC_EXPORT void ac_notify_one(ac_notify *notify);
/* Wakes every task waiting now, and every ac_notified_wait enabled before this call; stores
 * nothing. */
AC_EXPORT void ac_notify_all(ac_notify *notify);

/* Interest in a notify registered before the caller checks its condition (Tokio's
 * `notify.notified()` with `enable()`): "check a flag, then wait" cannot miss an ac_notify_all
 * made between the check and the wait:
 *
 *     ac_notified seen = ac_notify_enable(n);
 *     if (!atomic_load(&ready))
 *         await(ac_notified_wait(seen));
 *
 * A value to copy freely; it holds nothing (nothing to release when it is not waited on). */
typedef struct ac_notified {
    ac_notify *notify;
    unsigned long long generation; /* ac_notify_all calls before it was enabled */
} ac_notified;

/* Registers interest in notify now. Never waits. */
AC_EXPORT ac_notified ac_notify_enable(ac_notify *notify);
/* Waits for a notification made after the ac_notify_enable that returned interest: completes at
 * once when ac_notify_all was called since then, or consumes the permit ac_notify_one stored;
 * otherwise as ac_notify_wait. Dropping it gives up nothing (a notification chosen for it
 * passes to the next waiter). Take a new interest before each check of the condition: one
 * that an ac_notify_all has passed completes every wait at once. */
AC_EXPORT async void ac_notified_wait(ac_notified interest);

/* ---- Read-write lock (Tokio's RwLock): many readers or one writer; fair (FIFO), so a
 * waiting writer is not starved by readers that keep arriving. May be held across awaits. ---- */
typedef struct ac_rwlock ac_rwlock;

/* An unlocked read-write lock, or NULL when out of memory. */
AC_EXPORT ac_rwlock *ac_rwlock_new(void);
/* Frees it; nobody may hold it or wait for it. */
AC_EXPORT void ac_rwlock_free(ac_rwlock *l);
/* Waits for shared access and takes it. Dropped while waiting: nothing is taken. */
AC_EXPORT async void ac_rwlock_read(ac_rwlock *l);
/* Waits for exclusive access and takes it. Dropped while waiting: nothing is taken. */
AC_EXPORT async void ac_rwlock_write(ac_rwlock *l);
/* Take it if free now and nobody waits: 0 or -EBUSY. */
AC_EXPORT int ac_rwlock_try_read(ac_rwlock *l);
AC_EXPORT int ac_rwlock_try_write(ac_rwlock *l);
/* Releases shared or exclusive access held by the caller, handing the lock on in order. */
AC_EXPORT void ac_rwlock_read_unlock(ac_rwlock *l);
AC_EXPORT void ac_rwlock_write_unlock(ac_rwlock *l);

/* ---- Barrier (Tokio's Barrier): n tasks wait until all n have arrived, then all go on. ---- */
typedef struct ac_barrier ac_barrier;

/* A barrier for n tasks (n >= 1; 0 is taken as 1), or NULL when out of memory. Reusable: the
 * next n arrivals form the next round. */
AC_EXPORT ac_barrier *ac_barrier_new(size_t n);
/* Frees it; nobody may be waiting. The leader may free it as soon as its own wait returns:
 * the tasks it released do not touch b again. */
AC_EXPORT void ac_barrier_free(ac_barrier *b);
/* Waits until n tasks have called it in this round. Returns 1 in exactly one task of each round
 * (the leader: the last to arrive), 0 in the others. Dropped while waiting: this task leaves
 * the round, which then waits for another arrival. */
AC_EXPORT async int ac_barrier_wait(ac_barrier *b);

/* ---- Blocking work ---- */

/* Runs fn(arg) on the runtime's blocking thread pool (threads created on demand, up to 512,
 * idle ones exit after 10 s) and returns its value. Use it for calls that block: DNS lookups,
 * compression, a library without an async API. Dropped before fn returns: fn still runs to its
 * end (a thread cannot be interrupted) but its value is discarded; arg must stay valid until
 * then, so prefer heap arguments owned by fn when the call may be cancelled. ac_runtime_shutdown
 * waits for such a dropped call's fn; the end of async main does not (the process exits). */
AC_EXPORT async long ac_spawn_blocking(long (*fn)(void *arg), void *arg);

#ifdef __cplusplus
}
#endif

#endif
