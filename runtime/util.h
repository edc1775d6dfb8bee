/* runtime/util.h: what every file of the runtime may use: a copy of maybe no bytes, branch hints,
 * the cache line, the spin lock, a cheap clock, the panic for impossible failures, and the
 * annotation for valgrind. */
#ifndef ASYNCC_RUNTIME_UTIL_H
#define ASYNCC_RUNTIME_UTIL_H

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* memcpy of n bytes that takes NULL pointers for 0 bytes, as read(2) does (memcpy may not be
 * given them even then): a caller's buffer of nothing, a channel's value of no bytes. */
static inline void ac__copy(void *dst, const void *src, size_t n)
{
    if (n)
        memcpy(dst, src, n);
}

#define AC__CACHELINE 64

/* The most bytes one read, write, recv, send or splice moves (the kernel's MAX_RW_COUNT, INT_MAX
 * rounded down to a page): a result fits an int. ac__rw_chunk caps a length to it, never keeping
 * the low 32 bits of a larger size_t (an io_uring SQE's length would: a recv of 2^32 bytes asked
 * for 0 and returned 0, end of stream). */
#define AC__MAX_RW 0x7ffff000u
static inline unsigned ac__rw_chunk(size_t len)
{
    return len > AC__MAX_RW ? AC__MAX_RW : (unsigned)len;
}
/* Whether the runtime is built for ThreadSanitizer (libasyncc-tsan, -DASYNCC_SANITIZE=thread). */
#if defined(__SANITIZE_THREAD__)
#define AC__BUILT_FOR_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define AC__BUILT_FOR_TSAN 1
#endif
#endif
#ifndef AC__BUILT_FOR_TSAN
#define AC__BUILT_FOR_TSAN 0
#endif

#define AC__LIKELY(x) __builtin_expect(!!(x), 1)
#define AC__UNLIKELY(x) __builtin_expect(!!(x), 0)

/* A spinlock for the short critical sections of the sync primitives and channels (a few
 * pointer updates and a memcpy): cheaper than a pthread mutex when uncontended, and it yields
 * the CPU when the holder has been descheduled. */
typedef struct {
    _Atomic int locked;
} ac__spinlock;

void ac__spin_wait(ac__spinlock *l);
/* The n-th step (from 0) of a spinning wait: a CPU pause for the first 100, then a yield, for
 * when the thread awaited has been descheduled. */
void ac__spin_backoff(unsigned n);

static inline void ac__spin_init(ac__spinlock *l)
{
    atomic_init(&l->locked, 0);
}

static inline void ac__spin_lock(ac__spinlock *l)
{
    if (AC__LIKELY(!atomic_exchange_explicit(&l->locked, 1, memory_order_acquire)))
        return;
    ac__spin_wait(l);
}

/* Takes l if it is free, without waiting: whether it did. */
static inline bool ac__spin_trylock(ac__spinlock *l)
{
    return !atomic_load_explicit(&l->locked, memory_order_relaxed) &&
           !atomic_exchange_explicit(&l->locked, 1, memory_order_acquire);
}

static inline void ac__spin_unlock(ac__spinlock *l)
{
    atomic_store_explicit(&l->locked, 0, memory_order_release);
}

/* A cheap clock for the scheduler's rules of thumb: the TSC on x86, else nanoseconds; and
 * about 30 us on it (20-50 us at the TSC rates of today's x86 machines). */
#if defined(__x86_64__) || defined(__i386__)
static inline uint64_t ac__cheap_clock(void)
{
    return __builtin_ia32_rdtsc();
}
#define AC__CHEAP_30US 75000u
#else
uint64_t ac__now_ns(void);
static inline uint64_t ac__cheap_clock(void)
{
    return ac__now_ns();
}
#define AC__CHEAP_30US 30000u
#endif

/* Aborts with a message: for failures that cannot happen in a correct program (a pthread call
 * failing, an impossible state). */
_Noreturn void ac__panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The first descriptor number the runtime gives its own descriptors: 0-9 are the numbers a
 * shell script names in its redirections (`exec 5>>config.log`), which programs also dup2 onto. */
#define AC__FD_FIRST_OWN 10

/* Moves *fd, a descriptor the runtime made for itself, to AC__FD_FIRST_OWN or above
 * (close-on-exec): the program's dup2 onto a number below, its freopen or fclose(stdout) after
 * closing 0, 1 or 2 (a new descriptor takes the lowest number free), would take or close the
 * runtime's (a ring, an eventfd, a pipe). When the descriptor limit leaves no room there, a
 * standard number is still left (for 3 or above). A negative *fd (a failed call's, errno kept)
 * is left as it is. Returns 0, or -errno with *fd unchanged. */
int ac__fd_out_of_reach(int *fd);

/* The alternate signal stack of a thread the runtime starts and that runs the program's code (a
 * worker, a blocking pool thread), noted when it starts and put back when it leaves: the
 * program may set its own there (gnulib's c-stack gives the thread that runs main, a worker for
 * an async main, a static buffer), and the thread's end under AddressSanitizer unmaps whatever
 * stack is there as ASan's own (it died "failed to deallocate"). */
void ac__altstack_note(stack_t *saved);
void ac__altstack_restore(const stack_t *saved);

/* Names thread t for top -H, ps -L, gdb's `info threads` and /proc (TASK/comm): name, followed by
 * index unless it is negative ("asyncc-w" 0: "asyncc-w0"), cut to the kernel's 15 bytes. */
void ac__name_thread(pthread_t t, const char *name, int index);

/* Signals sent to the process go to the threads that run its code: those that only serve the
 * runtime (the monitor, the signal dispatcher) hold them back, and so do an idle blocking-pool
 * thread and a thread while it waits in ac_block_on. Otherwise Linux gives a signal the process
 * sends itself to the main thread, waiting in ac_block_on: `kill(getpid(), sig)` in a task
 * returned before its handler ran elsewhere (dash made async lost its traps), and no EINTR broke
 * the task's blocking call as in the sequential program. ac__signals_hold blocks every signal
 * but those a fault raises in the thread itself, saving the old mask in old. */
void ac__signals_hold(sigset_t *old);
/* pthread_create of a thread that holds the process's signals back from its start, and its
 * name (as ac__name_thread). */
int ac__thread_start_quiet(pthread_t *t, void *(*fn)(void *), void *arg, const char *name);

/* Tells valgrind's memcheck that the kernel wrote len bytes at p: it cannot see what io_uring
 * writes, and would take the data read as uninitialised. Nothing unless the build found
 * valgrind's header (a few no-op instructions outside valgrind). */
#if defined(__has_include) && __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
#define AC__KERNEL_WROTE(p, len) ((void)VALGRIND_MAKE_MEM_DEFINED((p), (len)))
#else
#define AC__KERNEL_WROTE(p, len) ((void)(p), (void)(len))
#endif

#endif
