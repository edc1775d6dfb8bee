/* runtime/internal.h: the runtime's internal types and the functions its files share.
 * Nothing here is public API; every non-static function declared here is named ac__. */
#ifndef ASYNCC_RUNTIME_INTERNAL_H
#define ASYNCC_RUNTIME_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "asyncc/future.h"
#include "asyncc/runtime.h"
#include "backend.h"

#define AC__CACHELINE 64
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

/* Memory of tasks and arenas (alloc.c): 16-aligned; free takes the size given to alloc. */
void *ac__mem_alloc(size_t size);
void ac__mem_free(void *ptr, size_t size);

/* Under AddressSanitizer every block comes from malloc, so ASan sees each task's lifetime;
 * otherwise blocks up to AC__MEM_CHUNKED_MAX bytes come from the allocator's chunks. */
#if defined(__SANITIZE_ADDRESS__)
#define AC__MEM_MALLOC 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define AC__MEM_MALLOC 1
#endif
#endif
#ifndef AC__MEM_MALLOC
#define AC__MEM_MALLOC 0
#endif
#define AC__MEM_CHUNKED_MAX (AC__MEM_MALLOC ? 0u : 65536u)

/* Whether ac__mem_alloc(size) returns a block of a chunk, which can carry a mark. */
static inline bool ac__mem_chunked(size_t size)
{
    return size <= AC__MEM_CHUNKED_MAX;
}
/* Marks of the task registry on chunked blocks: mark publishes (release) a block as a live
 * task, unmark withdraws it (seq_cst), foreach_marked visits the blocks marked when it reads
 * their marks (seq_cst loads). The caller keeps marked blocks from being freed meanwhile. */
void ac__mem_mark(void *block);
void ac__mem_unmark(void *block);
void ac__mem_foreach_marked(void (*fn)(void *block, void *arg), void *arg);


/* Tells valgrind's memcheck that the kernel wrote len bytes at p: it cannot see what io_uring
 * writes, and would take the data read as uninitialised. Nothing unless the build found
 * valgrind's header (a few no-op instructions outside valgrind). */
#if defined(__has_include) && __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
#define AC__KERNEL_WROTE(p, len) ((void)VALGRIND_MAKE_MEM_DEFINED((p), (len)))
#else
#define AC__KERNEL_WROTE(p, len) ((void)(p), (void)(len))
#endif
/* ------------------------------------------------------------------------------------------ */
/* Tasks                                                                                      */

struct ac__arena;
struct ac__worker;

/* 32 bytes: every byte of a task is memory the kernel must clear when a million tasks are
 * spawned at once, and a task with a small root frame fits a 48-byte block. So no link for the
 * registry of live tasks (see task.c) nor the injection queues (rings of pointers), and a
 * pinned task's worker and the references are fields of the state word. */
struct ac_task {
    _Atomic uint64_t state_word; /* flags, pinned worker, references: task_state.h's alone */
    const ac_future_type *type;
    ac_waker join_waker;     /* valid while the state word says so (task_state.h) */
    struct ac__arena *arena; /* created by the first ac_frame_alloc */
};

struct ac_cx {
    ac_task *task;
    struct ac__worker *worker; /* NULL when a frame is dropped outside the workers */
    unsigned budget;           /* cooperative budget left in this poll */
};

/* Cooperative budget (Tokio's coop): a leaf future about to return AC_READY calls this first.
 * When the poll has used its budget, the task is woken to run again later and the leaf must
 * return AC_PENDING instead, so a task that is always ready cannot starve the others. */
static inline bool ac__coop_proceed(ac_cx *cx)
{
    if (AC__LIKELY(cx->budget)) {
        cx->budget--;
        return true;
    }
    ac_waker_wake(ac_cx_waker(cx));
    return false;
}

/* The same for a leaf that decides under a lock whether it completes at once: it checks first
 * (false: the task is woken to run again later and the leaf returns AC_PENDING holding
 * nothing), and charges one unit only when it does complete at once; waiting costs nothing. */
static inline bool ac__coop_check(ac_cx *cx)
{
    if (AC__LIKELY(cx->budget))
        return true;
    ac_waker_wake(ac_cx_waker(cx));
    return false;
}

static inline void ac__coop_charge(ac_cx *cx)
{
    if (cx->budget)
        cx->budget--;
}

/* The child function of every leaf future of the runtime: a leaf awaits nothing. */
void *ac__no_child(void *frame, const ac_future_type **type);

/* Defines ac__type_NAME for a hand-written leaf future: its frame struct FRAME, of which callers
 * embed the first SIZE bytes (at most the ac__frame_size_NAME its header promises), the result
 * at ROFF (RSIZE bytes; 0 for none), POLL and DROP, and WHAT it waits for (in task dumps). */
#define AC__LEAF_TYPE_SIZED(NAME, FRAME, SIZE, ROFF, RSIZE, POLL, DROP, WHAT)                  \
    _Static_assert((SIZE) <= ac__frame_size_##NAME && _Alignof(FRAME) <= 16,                  \
                   "the frame of " #NAME " outgrew its ac__frame_size_ in include/asyncc");   \
    static const ac_await_site NAME##_sites[] = {{"<runtime>", 0, WHAT}};                     \
    AC_EXPORT const ac_future_type ac__type_##NAME = {                                       \
        .name = #NAME,                                                                        \
        .frame_size = (SIZE),                                                                 \
        .frame_align = _Alignof(FRAME),                                                       \
        .result_offset = (ROFF),                                                              \
        .result_size = (RSIZE),                                                               \
        .poll = (POLL),                                                                       \
        .drop = (DROP),                                                                       \
        .child = ac__no_child,                                                                \
        .sites = NAME##_sites,                                                                \
        .nsites = 1,                                                                          \
    }
/* The same for the whole of FRAME, with its member RESULT as the result, or none (VOID). */
#define AC__LEAF_TYPE(NAME, FRAME, RESULT, POLL, DROP, WHAT)                                  \
    AC__LEAF_TYPE_SIZED(NAME, FRAME, sizeof(FRAME), offsetof(FRAME, RESULT),                  \
                        sizeof(((FRAME *)0)->RESULT), POLL, DROP, WHAT)
#define AC__LEAF_TYPE_VOID(NAME, FRAME, POLL, DROP, WHAT)                                     \
    AC__LEAF_TYPE_SIZED(NAME, FRAME, sizeof(FRAME), 0, 0, POLL, DROP, WHAT)

/* The offset of the root frame in a task allocation. */
static inline size_t ac__frame_offset(const ac_future_type *type)
{
    size_t align = type->frame_align > 16 ? type->frame_align : 16;
    return (sizeof(ac_task) + align - 1) & ~(align - 1);
}

static inline void *ac__task_frame(ac_task *task)
{
    return (char *)task + ac__frame_offset(task->type);
}

void ac__task_ref(ac_task *task);
void ac__task_unref(ac_task *task);
/* Clears JOIN_INTEREST and drops the handle's reference. */
void ac__task_release_handle(ac_task *task);
/* Frees a task whose last reference the caller dropped. */
void ac__task_free(ac_task *task);
/* Polls (or drops, when cancelled) a task taken from a run queue, which holds one reference. */
void ac__task_run(struct ac__worker *w, ac_task *task);
/* Frees a task that was never started (the runtime could not start), dropping its frame. */
void ac__task_discard(ac_task *task);
/* Drops the frame of a task that never completed, on the calling thread (used at shutdown). */
void ac__task_shutdown_drop(ac_task *task);
/* Calls fn on every task spawned and not yet freed; no task is freed while it runs (a thread
 * freeing one waits), so fn may read any task and take references, but must free none. */
void ac__registry_foreach(void (*fn)(ac_task *, void *), void *arg);
/* Takes a reference unless the task has none left (it is being freed). */
bool ac__task_try_ref(ac_task *task);
void ac__arena_destroy(struct ac__arena *arena);

/* ------------------------------------------------------------------------------------------ */
/* Run queues                                                                                 */

#define AC__LOCAL_QUEUE_CAP 256u
#define AC__LOCAL_QUEUE_MASK (AC__LOCAL_QUEUE_CAP - 1)

/* Tokio's local queue: single producer (the owner), many stealers. head packs (steal, real). */
struct ac__local_queue {
    _Alignas(AC__CACHELINE) _Atomic uint64_t head;
    _Alignas(AC__CACHELINE) _Atomic uint32_t tail;
    /* The owner's last reading of head's steal half: a push that finds room by it (steal only
     * grows) need not read head, whose line stealers keep taking from the owner's cache. */
    uint32_t seen_steal;
    _Alignas(AC__CACHELINE) ac_task *_Atomic buffer[AC__LOCAL_QUEUE_CAP];
};

/* A locked FIFO of tasks (a list of segments of pointers), with a lock-free length. */
#define AC__INJECT_SEG 1023 /* a segment is 8 KiB */
struct ac__inject_seg {
    struct ac__inject_seg *next;
    ac_task *items[AC__INJECT_SEG];
};

struct ac__inject {
    ac__spinlock lock;
    struct ac__inject_seg *head, *tail, *spare;
    size_t head_i, tail_i; /* next to pop in head, next free slot in tail */
    _Atomic size_t len;    /* written under the lock */
};

struct ac__runtime;

void ac__local_init(struct ac__local_queue *q);
bool ac__local_is_empty(struct ac__local_queue *q);
unsigned ac__local_len(struct ac__local_queue *q);
/* Owner only: how many tasks have left the queue (run, stolen or moved to the injection
 * queue) and how many have entered it, counting from its start (wrapping): once taken has
 * reached what added was at some moment, every task queued then has left. */
uint32_t ac__local_taken(struct ac__local_queue *q);
uint32_t ac__local_added(struct ac__local_queue *q);
/* Owner only: appends, moving half the queue to the injection queue when full. */
void ac__local_push(struct ac__local_queue *q, ac_task *task, struct ac__inject *overflow);
ac_task *ac__local_pop(struct ac__local_queue *q);
/* Owner only: the task that the ahead-th pop from now would return, or NULL; a hint for
 * prefetching (a stealer may take it meanwhile). */
ac_task *ac__local_peek(struct ac__local_queue *q, unsigned ahead);
/* Steals about half of src into dst (owned by the caller); returns one task to run or NULL. */
ac_task *ac__local_steal(struct ac__local_queue *src, struct ac__local_queue *dst);

void ac__inject_init(struct ac__inject *q);
/* Frees the queue's memory (the tasks in it are the caller's business). */
void ac__inject_destroy(struct ac__inject *q);
void ac__inject_push(struct ac__inject *q, ac_task *task);
void ac__inject_push_batch(struct ac__inject *q, ac_task *const *tasks, size_t n);
ac_task *ac__inject_pop(struct ac__inject *q);
/* Pops up to max tasks into tasks[]; returns how many. */
size_t ac__inject_pop_batch(struct ac__inject *q, size_t max, ac_task **tasks);

static inline bool ac__inject_is_empty(struct ac__inject *q)
{
    return atomic_load_explicit(&q->len, memory_order_acquire) == 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Timers                                                                                     */

#define AC__WHEEL_LEVELS 6
#define AC__WHEEL_SLOTS 64

/* One pending deadline. Lives in the frame of the future that waits (a sleep, a timeout). */
struct ac__timer {
    struct ac__timer *next, *prev;
    uint64_t when;             /* ticks of the runtime clock (AC__TICK_NS each) */
    unsigned slot_index;       /* level * 64 + slot while linked in a wheel */
    struct ac__worker *worker; /* whose wheel holds it; set while registered */
    ac_waker waker;
    _Atomic int fired; /* set by the wheel, after which the wheel never touches the entry */
};

struct ac__wheel_level {
    uint64_t occupied;
    struct ac__timer *slots[AC__WHEEL_SLOTS];
};

struct ac__wheel {
    uint64_t elapsed; /* the wheel's notion of now, in ticks */
    size_t count;
    struct ac__wheel_level levels[AC__WHEEL_LEVELS];
};

void ac__wheel_init(struct ac__wheel *wheel, uint64_t now);
/* Returns false when the deadline has already passed (nothing inserted). */
bool ac__wheel_insert(struct ac__wheel *wheel, struct ac__timer *timer);
void ac__wheel_remove(struct ac__wheel *wheel, struct ac__timer *timer);
/* The earliest deadline of a slot that holds timers, or UINT64_MAX when there are none. */
uint64_t ac__wheel_next(struct ac__wheel *wheel);
/* Fires every timer whose deadline is <= now: unlinks it, sets fired, wakes its waker. */
size_t ac__wheel_advance(struct ac__wheel *wheel, uint64_t now);

/* The runtime clock (CLOCK_MONOTONIC from a fixed origin) in nanoseconds and milliseconds. */
uint64_t ac__now_ns(void);
uint64_t ac__now_ms(void);

/* Timers count in ticks of 1/16 ms: fine enough that a sleep ends within a fraction of a
 * millisecond of its deadline, coarse enough that the timers due in one tick fire together. */
#define AC__TICK_NS 62500u
/* The first tick at or after a time in ns: a timer for it never fires early. */
static inline uint64_t ac__tick_at_or_after(uint64_t ns)
{
    return (ns + AC__TICK_NS - 1) / AC__TICK_NS;
}

/* Registers timer in the calling worker's wheel for a tick. Returns false (waker left unset)
 * when the deadline has passed already. */
bool ac__timer_start(ac_cx *cx, struct ac__timer *timer, uint64_t when);
/* Unregisters a timer that has not fired, from any thread; drops its waker. */
void ac__timer_cancel(struct ac__timer *timer);
/* Fires due timers of the calling worker. */
void ac__worker_fire_timers(struct ac__worker *w);

/* ------------------------------------------------------------------------------------------ */
/* Workers and the runtime                                                                    */

struct ac__worker_stats {
    _Atomic uint64_t polls, steals, parks, spawned, freed, io_submitted, io_completed;
};

/* Increments a counter that only the owning thread writes: a plain load and store, no lock. */
#define AC__STAT_INC(w, field) \
    atomic_store_explicit(&(w)->stats.field, \
                          atomic_load_explicit(&(w)->stats.field, memory_order_relaxed) + 1, \
                          memory_order_relaxed)
#define AC__STAT_ADD(w, field, n) \
    atomic_store_explicit(&(w)->stats.field, \
                          atomic_load_explicit(&(w)->stats.field, memory_order_relaxed) + (n), \
                          memory_order_relaxed)

#define AC__WATCH_WORDS 25

struct ac__worker {
    struct ac__local_queue queue;
    struct ac__runtime *rt;
    unsigned index;
    /* The task to run next; exchanged atomically, as the monitor takes it from a worker stuck
     * in a poll. */
    ac_task *_Atomic lifo;
    unsigned lifo_polls;
    uint32_t tick;
    bool searching;
    bool in_driver; /* dispatching completions or timers: wakes keep their order (no LIFO) */
    /* When tasks were queued here that are still waiting (0: none; cheap clock). Written by
     * the owner, read by idle workers: a younger backlog is left to the owner. */
    _Atomic uint64_t backlog_since;
    uint32_t backlog_mark; /* ac__local_added when backlog_since was set (owner only) */
    /* When the backend prepared work that it has not handed to the kernel yet (0: none). */
    uint64_t flush_since;
    bool is_thread; /* false for the current-thread flavour, run by the caller of block_on */
    _Alignas(AC__CACHELINE) _Atomic int asleep;
    struct ac__inject remote; /* pinned tasks woken from other threads */
    uint64_t rng;

    const struct ac__backend_ops *be; /* the runtime's backend, and w's state in it */
    void *io;
    /* Held by the worker whenever it is not polling a task, and by whoever touches its backend:
     * the worker's own task code submitting, or the monitor taking over a worker stuck in a
     * poll (monitor.c). So nobody else touches the backend while the worker drives it. */
    ac__spinlock io_lock;
    /* Set by the monitor while the worker is stuck in one poll: its queue is free to steal. */
    _Atomic int stuck;
    /* The poll under way, for the watchdog ($ASYNCC_SLOW_POLL_MS; written by the worker under
     * a sequence count, odd while it writes). */
    _Atomic unsigned watch_seq;
    _Atomic uint64_t watch_start_ms;
    const char *_Atomic watch_name;
    _Atomic uint64_t watch_site[AC__WATCH_WORDS]; /* a string, in words read atomically */

    ac__spinlock wheel_lock;
    struct ac__wheel wheel;

    /* Cancellations of this worker's ops asked by other threads: a lock-free stack. */
    struct ac__op *_Atomic cancels;

    pthread_t thread;
    struct ac__worker_stats stats;
};

struct ac__runtime {
    ac_runtime_config config;
    const struct ac__backend_ops *backend;
    unsigned nworkers;
    struct ac__worker *workers;
    struct ac__inject inject;
    _Alignas(AC__CACHELINE) _Atomic unsigned nsearching;
    _Atomic unsigned nparked;
    _Atomic int stopping;
    _Atomic int halted; /* worker threads joined: the shutdown thread owns the backends */
    _Atomic unsigned active_workers; /* worker threads still in their loop */
    pthread_t monitor;
    bool have_monitor;
    pthread_mutex_t monitor_lock; /* the monitor sleeps on monitor_cond between its rounds */
    pthread_cond_t monitor_cond;
    unsigned slow_poll_ms; /* $ASYNCC_SLOW_POLL_MS: report polls longer than this (0: off) */
    _Atomic int started;
    /* ac__block_on waits here for the tasks it started. */
    pthread_mutex_t block_lock;
    pthread_cond_t block_cond;
    struct ac__worker_stats outside; /* counts for threads that are not workers */
    pthread_mutex_t outside_lock;
};

extern struct ac__runtime *_Atomic ac__rt;
extern __thread struct ac__worker *ac__current;

/* Marks the calling thread's worker (if any) as dispatching completions or timers, whose
 * wakes keep their order; returns the previous mark for ac__driver_leave. */
static inline bool ac__driver_enter(void)
{
    struct ac__worker *me = ac__current;
    if (!me)
        return false;
    bool saved = me->in_driver;
    me->in_driver = true;
    return saved;
}

static inline void ac__driver_leave(bool saved)
{
    if (ac__current)
        ac__current->in_driver = saved;
}

/* The monitor thread (monitor.c): takes over the backend, timers, cancellations and queue of a
 * worker stuck in one poll, and reports polls that run too long while they run. */
void *ac__monitor_main(void *arg);

/* Whether SIGPIPE is ignored (the runtime ignores it at start unless the program set its own
 * disposition): when it is not, writes to sockets go out as sends with MSG_NOSIGNAL. And
 * whether the runtime did it, in which case child processes get the default action back. */
extern _Atomic bool ac__sigpipe_ignored, ac__sigpipe_ignored_by_runtime;

/* The runtime, created with the default configuration when there is none yet. */
struct ac__runtime *ac__runtime_start(void);
static inline struct ac__runtime *ac__runtime_get(void)
{
    struct ac__runtime *rt = atomic_load_explicit(&ac__rt, memory_order_acquire);
    return AC__LIKELY(rt) ? rt : ac__runtime_start();
}
/* Queues a task whose NOTIFIED bit the caller set; the queue takes the caller's reference.
 * yield puts it at the back even on its own worker. */
void ac__schedule(ac_task *task, bool yield);
/* Wakes a parked worker if there is work for it and nobody is searching already. */
void ac__notify_parked(struct ac__runtime *rt);
void *ac__worker_main(void *arg);
/* Writes " at f file:line <- g file:line ..." for a frame chain nobody polls meanwhile. */
void ac__dump_chain(FILE *out, const ac_future_type *type, void *frame);
/* Writes the task dump to stderr if SIGUSR1 asked for one. */
void ac__dump_if_requested(void);
/* Runs the worker loop on the calling thread until stop() returns true. */
void ac__worker_run(struct ac__worker *w, bool (*stop)(void *), void *arg);

/* Waits until every ac_spawn_blocking job has finished (as Tokio's shutdown does): their
 * wakers hold references on tasks. Then the pool's threads exit and are joined. */
void ac__blocking_drain(void);

/* Asks worker w to cancel op, submitted on w's backend (op->cancel_taken is set once w no
 * longer touches the request; the caller keeps op alive until then). */
void ac__backend_cancel_remote(struct ac__worker *w, struct ac__op *op);
/* Hands the cancellations queued for w to its backend; called by w or at shutdown. */
void ac__process_cancels(struct ac__worker *w);

/* The calls the scheduler makes on a worker's backend (see struct ac__backend_ops). */
static inline unsigned ac__backend_reap(struct ac__worker *w)
{
    return w->be->reap(w);
}

static inline void ac__backend_wait(struct ac__worker *w, uint64_t deadline)
{
    w->be->wait(w, deadline);
}

static inline void ac__backend_wake(struct ac__worker *w)
{
    w->be->wake(w);
}

#endif
