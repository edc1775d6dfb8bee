/* runtime/worker.c: the scheduler: where a woken task is queued, the worker loop (LIFO slot,
 * local queue, global queue every N polls, stealing), parking in the I/O backend and unparking,
 * cross-worker cancellation requests. */
#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>

#include "nofork.h"
#include "task_state.h"
#include "worker.h"

#define MAX_LIFO_POLLS 3

__thread struct ac__worker *ac__current;

/* ------------------------------------------------------------------------------------------ */
/* Unparking                                                                                  */

/* Claims a sleeping worker and wakes it. The waker has already counted it as searching. */
static bool unpark_one(struct ac__runtime *rt, unsigned start)
{
    for (unsigned i = 0; i < rt->nworkers; i++) {
        struct ac__worker *w = &rt->workers[(start + i) % rt->nworkers];
        if (!w->is_thread && w->rt->config.current_thread)
            continue;
        if (atomic_load_explicit(&w->asleep, memory_order_relaxed) &&
            atomic_exchange_explicit(&w->asleep, 0, memory_order_seq_cst)) {
            ac__count_unparked(rt);
            ac__backend_wake(w);
            return true;
        }
    }
    return false;
}

static void notify_parked_slow(struct ac__runtime *rt)
{
    unsigned expected = 0;
    if (!atomic_compare_exchange_strong_explicit(&rt->nsearching, &expected, 1,
                                                 memory_order_seq_cst, memory_order_seq_cst))
        return;
    unsigned start = ac__current ? ac__current->index + 1 : 0;
    if (!unpark_one(rt, start))
        atomic_fetch_sub_explicit(&rt->nsearching, 1, memory_order_seq_cst);
}

/* Inline in the scheduling path: a spawn or wake usually finds nobody parked, or a searcher
 * already on its way, and then writes nothing shared. */
static inline void notify_parked(struct ac__runtime *rt)
{
    if (atomic_load_explicit(&rt->nparked, memory_order_seq_cst) == 0)
        return;
    /* One searcher at a time is enough: when it finds work it wakes the next one. */
    if (atomic_load_explicit(&rt->nsearching, memory_order_seq_cst) != 0)
        return;
    notify_parked_slow(rt);
}

void ac__notify_parked(struct ac__runtime *rt)
{
    notify_parked(rt);
}

/* Wakes the owner of a pinned task, which counts as a searcher like any woken worker. */
static void unpark_worker(struct ac__worker *w)
{
    struct ac__runtime *rt = w->rt;
    atomic_fetch_add_explicit(&rt->nsearching, 1, memory_order_seq_cst);
    if (atomic_exchange_explicit(&w->asleep, 0, memory_order_seq_cst)) {
        ac__count_unparked(rt);
        ac__backend_wake(w);
    } else {
        atomic_fetch_sub_explicit(&rt->nsearching, 1, memory_order_seq_cst);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Scheduling                                                                                 */

/* Sharing work has a price on both sides: a parked worker takes microseconds to wake, and a
 * task that moves to another worker moves its next I/O to that worker's ring, which then wakes
 * that worker too. A worker drains its own short backlog faster than that (the usual batch of
 * tasks that completions and timers woke, a spawn or two), and on a machine shared with
 * clients a second busy thread takes CPU from them. So:
 *  - tasks that I/O completions and timers wake are queued without waking a parked worker;
 *    a backlog older than BACKLOG_WAKE wakes one to share it (checked between polls);
 *  - an idle worker that nobody woke takes tasks from another worker's queue only when they
 *    have waited there longer than BACKLOG_STEAL; until then it naps that long instead.
 * A worker woken to share (a spawn, a backlog) steals at once.
 * Both ages are 3 ms: on a VM whose CPUs are often taken away for a millisecond or so, 0.3 and
 * 1 ms made connections move between the workers all the time (about 100 steals a second per
 * worker in the echo bench), and the echo server took 9.3 us of CPU per request and served
 * 86k requests/s, against 8.4 us and 102k with 3 ms (medians of 6 alternating 5 s runs). */
#define BACKLOG_WAKE (AC__CHEAP_30US * 100)  /* about 3 ms */
#define BACKLOG_STEAL (AC__CHEAP_30US * 100) /* about 3 ms */
#define BACKLOG_STEAL_NS (30000ull * BACKLOG_STEAL / AC__CHEAP_30US)

/* How many completions w dispatches at a time: until its local queue is half full, so the
 * tasks they wake queue here in their order, with room left for the tasks that those wake in
 * turn; the rest stay in the kernel, still in order, until the next reap. Dispatching them all
 * (thousands at once on a server with many connections) overflowed the local queue into the
 * global one, where the oldest half of each overflow waited behind newer tasks run from the
 * local queue (10,000 echo connections: 1,000 to 7,400 tasks in the global queue on average).
 * At least REAP_STEP. */
#define REAP_STEP 16

static unsigned share_room(struct ac__worker *w)
{
    unsigned len = ac__local_len(&w->queue), half = AC__LOCAL_QUEUE_CAP / 2;
    return len + REAP_STEP < half ? half - len : REAP_STEP;
}

/* Dispatches what share_room allows of w's completions, and more, REAP_STEP at a time, until
 * they have woken as many tasks as w polled since its last reap: I/O keeps pace with new work
 * also while the queue stays full. (Without that rule, a program that spawned 10,000 tasks
 * reading a file each, its queue full of tasks not yet started, started more of them than it
 * finished and held thousands of buffers at once: 333k -> 63k files/s, 37 MB of heap.) */
static void reap_into_queue(struct ac__worker *w)
{
    unsigned polled = w->tick - w->reap_tick;
    w->reap_tick = w->tick;
    w->driver_woken = 0;
    w->be->reap(w, share_room(w));
    while (w->driver_woken < polled && w->be->reap(w, REAP_STEP))
        ;
    /* What is left waits for us, or more than we should run alone came at once: a worker with
     * nothing to do can take a share. */
    if (atomic_load_explicit(&w->rt->nparked, memory_order_relaxed) &&
        ((w->be->share_woken && w->driver_woken >= w->be->share_woken) || w->be->ready(w) >= AC__SHARE_MIN))
        notify_parked(w->rt);
}

static uint64_t backlog_since(struct ac__worker *w)
{
    return atomic_load_explicit(&w->backlog_since, memory_order_relaxed);
}

static void set_backlog_since(struct ac__worker *w, uint64_t t)
{
    atomic_store_explicit(&w->backlog_since, t, memory_order_relaxed);
}

/* Dates the backlog: the tasks queued now have waited since about now. */
static void date_backlog(struct ac__worker *w)
{
    set_backlog_since(w, ac__cheap_clock());
    w->backlog_mark = ac__local_added(&w->queue);
}

static void wake_for_backlog(struct ac__worker *w)
{
    uint32_t taken = ac__local_taken(&w->queue);
    if (taken == ac__local_added(&w->queue))
        set_backlog_since(w, 0);
    else if ((int32_t)(taken - w->backlog_mark) >= 0)
        /* Every task queued when the backlog was dated has left, so the oldest one now came
         * later: a queue that a steady stream of wakes keeps from emptying, but whose tasks
         * each wait only briefly, is no old backlog. */
        date_backlog(w);
    else if (atomic_load_explicit(&w->rt->nparked, memory_order_relaxed) &&
             ac__cheap_clock() - backlog_since(w) > BACKLOG_WAKE)
        notify_parked(w->rt); /* once it has taken some, they are its own */
    /* (With nobody parked there is nobody to wake: no need to read the clock, which costs as
     * much as a small poll in a VM, between every two polls of a backlog.) */
}

/* Queues a task on the runtime's shared queues: a pinned one on its worker's remote queue (never
 * the local queue, which other workers steal from), another on the injection queue. */
static void push_shared(struct ac__runtime *rt, struct ac__worker *cur, ac_task *task)
{
    int pinned = ac__state_pinned_worker(task);
    if (pinned >= 0) {
        struct ac__worker *owner = &rt->workers[pinned];
        ac__inject_push(&owner->remote, task);
        if (cur != owner)
            unpark_worker(owner);
        return;
    }
    ac__inject_push(&rt->inject, task);
    if (rt->config.current_thread)
        unpark_worker(&rt->workers[0]);
    else
        ac__notify_parked(rt);
}

/* From a thread that is not one of the runtime's workers: through the gate. While a shutdown
 * runs, the task is not queued: the shutdown drops it, and frees it with the queue's
 * reference, which stays counted (dropping it here could free a task whose frame was never
 * dropped). */
static void schedule_foreign(ac_task *task)
{
    struct ac__runtime *rt;
    if (ac__gate_enter(&rt) < 0)
        return;
    push_shared(rt, NULL, task);
    ac__gate_leave();
}

void ac__schedule(ac_task *task, bool yield)
{
    struct ac__runtime *rt = ac__rt;
    struct ac__worker *cur = ac__current;
    if (AC__UNLIKELY(!cur || cur->rt != rt)) {
        schedule_foreign(task);
        return;
    }
    if (AC__LIKELY(ac__state_pinned_worker(task) < 0 &&
                   !atomic_load_explicit(&rt->stopping, memory_order_relaxed))) {
        if (!yield && !cur->in_driver) {
            ac_task *prev = atomic_exchange_explicit(&cur->lifo, task, memory_order_acq_rel);
            if (!prev)
                return; /* runs next on this worker: nobody else needs waking */
            task = prev;
        }
        /* A task queued again after its own poll (a yield, or the budget used up) with nothing
         * else here runs next on this worker, which is free now: it is no backlog, and waking
         * another worker would only move it there. (A task that yields every few microseconds,
         * such as a loop joining many finished tasks, would otherwise keep a backlog that never
         * empties and ping-pong between the workers.) */
        if (yield && !atomic_load_explicit(&cur->lifo, memory_order_relaxed) &&
            ac__local_is_empty(&cur->queue)) {
            ac__local_push(&cur->queue, task, &rt->inject);
            set_backlog_since(cur, 0);
            return;
        }
        ac__local_push(&cur->queue, task, &rt->inject);
        if (cur->in_driver)
            cur->driver_woken++;
        if (!backlog_since(cur))
            date_backlog(cur);
        if (!cur->in_driver)
            notify_parked(rt);
        return;
    }
    push_shared(rt, cur, task);
}

/* ------------------------------------------------------------------------------------------ */
/* Finding work                                                                               */

static uint32_t next_random(struct ac__worker *w)
{
    w->rng ^= w->rng << 13;
    w->rng ^= w->rng >> 7;
    w->rng ^= w->rng << 17;
    return (uint32_t)w->rng;
}

/* Moves a batch from the injection queue into the local queue and returns its first task. */
static ac_task *pop_inject(struct ac__worker *w, struct ac__inject *q)
{
    if (ac__inject_is_empty(q))
        return NULL;
    struct ac__runtime *rt = w->rt;
    size_t len = atomic_load_explicit(&q->len, memory_order_relaxed);
    /* Pinned tasks are taken one at a time: moved to the local queue they could be stolen. */
    size_t n = q == &w->remote ? 1 : len / rt->nworkers + 1;
    size_t room = AC__LOCAL_QUEUE_CAP - ac__local_len(&w->queue);
    if (n > room / 2)
        n = room / 2;
    if (n < 1)
        n = 1;
    ac_task *batch[AC__LOCAL_QUEUE_CAP / 2];
    n = ac__inject_pop_batch(q, n, batch);
    for (size_t i = 1; i < n; i++)
        ac__local_push(&w->queue, batch[i], q == &w->remote ? &w->remote : &rt->inject);
    return n ? batch[0] : NULL;
}

static ac_task *next_task(struct ac__worker *w)
{
    struct ac__runtime *rt = w->rt;
    ac_task *t;
    /* A countdown, not tick % interval: a division between every two polls. */
    if (AC__UNLIKELY(w->global_in-- == 0)) {
        w->global_in = rt->config.global_queue_interval - 1;
        if ((t = pop_inject(w, &w->remote)) || (t = pop_inject(w, &rt->inject)))
            return t;
    }
    /* (The monitor may take the LIFO task of a worker stuck in a poll: exchanged, not moved.) */
    bool lifo = atomic_load_explicit(&w->lifo, memory_order_relaxed) != NULL;
    if (lifo && w->lifo_polls < MAX_LIFO_POLLS &&
        (t = atomic_exchange_explicit(&w->lifo, NULL, memory_order_acq_rel))) {
        w->lifo_polls++;
        return t;
    }
    w->lifo_polls = 0;
    if (lifo && (t = atomic_exchange_explicit(&w->lifo, NULL, memory_order_acq_rel)))
        ac__local_push(&w->queue, t, &rt->inject); /* it has had its turns: behind the others */
    /* The remote queue (tasks pinned here, tasks handed over) and the local one take turns
     * while both hold tasks: a spawn_local task that yields, or is woken, waited behind every
     * local task's turn for global_queue_interval polls (a loop on the local queue left a
     * pinned ticker one turn in 61 of its own). */
    if (w->remote_turn && !ac__inject_is_empty(&w->remote) && (t = pop_inject(w, &w->remote))) {
        w->remote_turn = false;
        return t;
    }
    if ((t = ac__local_pop(&w->queue))) {
        w->remote_turn = true;
        return t;
    }
    if ((t = pop_inject(w, &w->remote)) || (t = pop_inject(w, &rt->inject)))
        return t;
    return NULL;
}

static bool become_searching(struct ac__worker *w)
{
    struct ac__runtime *rt = w->rt;
    if (w->searching)
        return true;
    unsigned searching = atomic_load_explicit(&rt->nsearching, memory_order_seq_cst);
    unsigned parked = atomic_load_explicit(&rt->nparked, memory_order_seq_cst);
    if (2 * searching >= rt->nworkers - parked)
        return false;
    atomic_fetch_add_explicit(&rt->nsearching, 1, memory_order_seq_cst);
    w->searching = true;
    return true;
}

static void end_searching(struct ac__worker *w)
{
    w->searching = false;
    if (atomic_fetch_sub_explicit(&w->rt->nsearching, 1, memory_order_seq_cst) == 1)
        ac__notify_parked(w->rt); /* the last searcher found work: there may be more */
}

/* Whether an idle worker nobody woke may take from victim's queue (see wake_for_backlog). */
static bool backlog_is_old(struct ac__worker *victim)
{
    uint64_t since = backlog_since(victim);
    return (since && ac__cheap_clock() - since > BACKLOG_STEAL) ||
           atomic_load_explicit(&victim->stuck, memory_order_relaxed);
}

/* Completions that wait in a busy worker's backend (its ring) are work for an idle one, which
 * dispatches a batch of them itself: the tasks they wake queue here, and their next I/O goes
 * to this worker's backend, so connections move from a worker that cannot keep up to one that
 * waits (Tokio's workers share one I/O driver to the same end). Without this, with 10,000 echo
 * connections one worker often had thousands of completions waiting in its ring while the
 * other one slept, since only what a worker has taken into its queue can be stolen. Only a
 * backlog of at least AC__SHARE_MIN: a worker that keeps up takes its few completions itself (a
 * connection that moves costs its cache lines on the other CPU). The owner holds its io_lock
 * except while it polls a task, so this takes it only then, and never waits for it. */
static ac_task *take_completions(struct ac__worker *w, unsigned start)
{
    struct ac__runtime *rt = w->rt;
    for (unsigned i = 0; i < rt->nworkers; i++) {
        struct ac__worker *victim = &rt->workers[(start + i) % rt->nworkers];
        if (victim == w || atomic_load_explicit(&victim->asleep, memory_order_relaxed) ||
            victim->be->ready(victim) < AC__SHARE_MIN || !ac__spin_trylock(&victim->io_lock))
            continue;
        victim->be->reap(victim, share_room(w));
        ac__spin_unlock(&victim->io_lock);
        ac_task *t = ac__local_pop(&w->queue);
        if (t)
            return t;
    }
    return NULL;
}

static ac_task *steal(struct ac__worker *w)
{
    struct ac__runtime *rt = w->rt;
    bool woken = w->searching; /* a waker counted us as a searcher */
    if (rt->nworkers < 2 || !become_searching(w))
        return NULL;
    unsigned start = next_random(w) % rt->nworkers;
    for (unsigned i = 0; i < rt->nworkers; i++) {
        struct ac__worker *victim = &rt->workers[(start + i) % rt->nworkers];
        if (victim == w || (!woken && !backlog_is_old(victim)))
            continue;
        ac_task *t = ac__local_steal(&victim->queue, &w->queue);
        if (t) {
            AC__STAT_ADD(w, steals, 1 + ac__local_len(&w->queue));
            return t;
        }
    }
    ac_task *t = pop_inject(w, &rt->inject);
    return t ? t : take_completions(w, start);
}

/* Whether there is work for w now; *young is set when other workers have tasks queued that
 * w leaves to them for now (see wake_for_backlog). */
static bool work_anywhere(struct ac__worker *w, bool *young)
{
    struct ac__runtime *rt = w->rt;
    if (!ac__inject_is_empty(&rt->inject) || !ac__inject_is_empty(&w->remote) ||
        atomic_load_explicit(&w->cancels, memory_order_seq_cst))
        return true;
    for (unsigned i = 0; i < rt->nworkers; i++) {
        struct ac__worker *o = &rt->workers[i];
        if (!ac__local_is_empty(&o->queue)) {
            if (o == w || backlog_is_old(o))
                return true;
            *young = true;
        }
    }
    return false;
}

/* ------------------------------------------------------------------------------------------ */
/* Parking                                                                                    */

/* A worker woken by its own backend (not by another worker) for a few completions while a
 * lower-numbered worker keeps up (its queue drained since it last looked, or it sleeps) hands
 * the tasks those completions woke to that worker instead of running them: their next I/O then
 * goes to that worker's backend, so when one worker keeps up the connections gather there and
 * the other stops being woken (each wake a cross-CPU interrupt here). A sleeping one is woken
 * for them: that costs a wake per hand-over until the connections have gathered, where leaving
 * it asleep kept two half-busy workers each waking for its own connections for good (echo at
 * 50 connections on a loaded machine, where the monitor often moves a preempted worker's tasks:
 * 0.035-0.041 context switches and 6.2-7.0 us of CPU per request, 0.027-0.031 and 5.4-6.1 us
 * handing over to a sleeping worker too). Before, connections
 * stayed on whichever worker first ran them, and each worker's backend woke it for its own:
 * miniredis under redis-benchmark -P 1 made 0.16 context switches per request with 2 workers
 * against 0.10 with 1, although one worker kept up (wakes of a parked worker by another one
 * were a handful per 100,000 requests: the searching rule already holds). Toward the lowest
 * index only, so that tasks do not travel back; a worker that falls behind wakes another one
 * (wake_for_backlog), which then steals from it as before.
 * Only a few: at most HAND_OVER_MAX tasks, and none of w's completions left in the kernel. A
 * worker woken for a batch is no trickle that the other worker absorbs: handing it over made
 * the two workers pass connections to and fro (echo at 10,000 connections on a loaded machine:
 * 18% of the requests were handed to worker 0, whose backlog then woke worker 1 to steal them
 * back, 16%; in the quiet bench run the server took 17 us of CPU per request with 2 workers
 * against 13.5 with 1). */
#define HAND_OVER_MAX 32

static void hand_over(struct ac__worker *w)
{
    struct ac__runtime *rt = w->rt;
    size_t len = ac__local_len(&w->queue);
    if (!w->be->hands_over || len == 0 || len > HAND_OVER_MAX || w->be->ready(w))
        return;
    /* A sleeping worker is woken only for w's last few ops: with many in flight (thousands of
     * connections) the two workers passed a trickle to and fro, a wake each. */
    bool few_left = w->be->inflight(w) <= HAND_OVER_MAX;
    for (unsigned i = 0; i < w->index; i++) {
        struct ac__worker *to = &rt->workers[i];
        if (!to->is_thread || atomic_load_explicit(&to->stuck, memory_order_relaxed) ||
            backlog_since(to) ||
            (!few_left && atomic_load_explicit(&to->asleep, memory_order_seq_cst)))
            continue;
        ac_task *batch[HAND_OVER_MAX];
        size_t n = 0;
        while (n < HAND_OVER_MAX && (batch[n] = ac__local_pop(&w->queue)))
            n++;
        ac__inject_push_batch(&to->remote, batch, n);
        set_backlog_since(w, 0);
        /* It may have gone to sleep since we looked: then it is woken for them. */
        unpark_worker(to);
        return;
    }
}

static void park(struct ac__worker *w, bool (*stop)(void *), void *arg)
{
    struct ac__runtime *rt = w->rt;
    atomic_store_explicit(&w->asleep, 1, memory_order_seq_cst);
    atomic_fetch_add_explicit(&rt->nparked, 1, memory_order_seq_cst);
    if (w->searching) {
        w->searching = false;
        atomic_fetch_sub_explicit(&rt->nsearching, 1, memory_order_seq_cst);
    }
    /* Somebody may have queued work after we last looked and before we counted as parked:
     * they did not see us, so look once more. */
    bool young = false;
    bool sleep = !work_anywhere(w, &young) && !atomic_load(&rt->stopping) && !(stop && stop(arg));
    if (sleep) {
        ac__spin_lock(&w->wheel_lock);
        uint64_t tick = ac__wheel_next(&w->wheel);
        ac__spin_unlock(&w->wheel_lock);
        uint64_t deadline = tick == UINT64_MAX ? UINT64_MAX : tick * AC__TICK_NS;
        if (young) { /* look again when that backlog is old enough to take */
            uint64_t soon = ac__now_ns() + BACKLOG_STEAL_NS;
            if (soon < deadline)
                deadline = soon;
        }
        AC__STAT_INC(w, parks);
        ac__nofork_leave(); /* a fork() need not wait for us to wake: we hold no task */
        ac__backend_wait(w, deadline);
        ac__nofork_enter();
    }
    /* Awake again before dispatching: the tasks that completions and timers wake would
     * otherwise find us parked and write our own eventfd. */
    bool own = atomic_exchange_explicit(&w->asleep, 0, memory_order_seq_cst);
    if (own) {
        ac__count_unparked(rt);
    } else {
        w->searching = true; /* whoever woke us counted us as a searcher */
    }
    ac__worker_fire_timers(w);
    ac__process_cancels(w);
    ac__dump_if_requested();
    reap_into_queue(w);
    if (sleep && own)
        hand_over(w);
}

void ac__backend_cancel_remote(struct ac__worker *w, struct ac__op *op)
{
    op->cancel_next = atomic_load_explicit(&w->cancels, memory_order_relaxed);
    while (!atomic_compare_exchange_weak_explicit(&w->cancels, &op->cancel_next, op,
                                                  memory_order_seq_cst, memory_order_relaxed))
        ;
    unpark_worker(w);
}

void ac__process_cancels(struct ac__worker *w)
{
    if (!atomic_load_explicit(&w->cancels, memory_order_relaxed))
        return;
    struct ac__op *op = atomic_exchange_explicit(&w->cancels, NULL, memory_order_acquire);
    while (op) {
        /* The requester keeps op alive until it sees cancel_taken, and no longer after. */
        struct ac__op *next = op->cancel_next;
        w->be->cancel(w, op);
        atomic_store_explicit(&op->cancel_taken, 1, memory_order_release);
        op = next;
    }
}

/* ------------------------------------------------------------------------------------------ */
/* The loop                                                                                   */

#define MAINTENANCE_INTERVAL 61

/* Notes the poll about to start for the watchdog: the task's function and where it waits (its
 * frames are ours to read until the poll starts). A sequence lock without fences (which TSan
 * does not model): every field is stored with release, so a monitor whose acquire load of a
 * field sees this poll's value also sees the odd count stored before it (monitor.c). On
 * x86-64 release stores and acquire loads are plain moves. */
static void watch_begin(struct ac__worker *w, ac_task *t)
{
    unsigned seq = atomic_load_explicit(&w->watch_seq, memory_order_relaxed);
    if (!(seq & 1)) /* odd while the fields change (already odd between polls) */
        atomic_store_explicit(&w->watch_seq, ++seq, memory_order_relaxed);
    atomic_store_explicit(&w->watch_name, t->type->name, memory_order_release);
    uint64_t site[AC__WATCH_WORDS] = {0};
    FILE *f = fmemopen(site, sizeof site - 1, "w");
    if (f) {
        ac__dump_chain(f, t->type, ac__task_frame(t));
        fclose(f);
    }
    for (unsigned i = 0; i < AC__WATCH_WORDS; i++)
        atomic_store_explicit(&w->watch_site[i], site[i], memory_order_release);
    atomic_store_explicit(&w->watch_start_ms, ac__now_ms(), memory_order_release);
    atomic_store_explicit(&w->watch_seq, seq + 1, memory_order_release);
}

/* Notes that the poll is over: the watchdog reports nothing of a worker between polls (it
 * named the last task polled by a worker that waited for I/O as still running). */
static void watch_end(struct ac__worker *w)
{
    unsigned seq = atomic_load_explicit(&w->watch_seq, memory_order_relaxed);
    atomic_store_explicit(&w->watch_seq, seq + 1, memory_order_release);
}

/* Polls a task, with the backend left to whoever needs it meanwhile (the monitor takes it
 * over when the poll lasts). Called in a no-fork section, as it returns (ac__task_run leaves
 * it for the poll). */
static void run(struct ac__worker *w, ac_task *t)
{
    if (AC__UNLIKELY(w->rt->slow_poll_ms))
        watch_begin(w, t);
    ac__spin_unlock(&w->io_lock);
    ac__task_run(w, t);
    if (AC__UNLIKELY(w->rt->slow_poll_ms))
        watch_end(w);
    ac__spin_lock(&w->io_lock);
    if (AC__UNLIKELY(atomic_load_explicit(&w->stuck, memory_order_relaxed)))
        atomic_store_explicit(&w->stuck, 0, memory_order_relaxed);
}

void ac__worker_run(struct ac__worker *w, bool (*stop)(void *), void *arg)
{
    struct ac__runtime *rt = w->rt;
    struct ac__worker *saved = ac__current;
    ac__current = w;
    ac__spin_lock(&w->io_lock);
    /* The loop is a no-fork section but for the polls (ac__task_run) and the waits in park:
     * between two polls a worker moves tasks from queue to queue, and fires timers. */
    ac__nofork_enter();
    while (!atomic_load_explicit(&rt->stopping, memory_order_acquire)) {
        if (stop && stop(arg))
            break;
        w->tick++;
        if (w->tick % MAINTENANCE_INTERVAL == 0) {
            reap_into_queue(w);
            ac__worker_fire_timers(w);
            ac__process_cancels(w);
            ac__dump_if_requested();
        }
        /* Ops prepared by the tasks just polled go to the kernel in batches when the backend
         * batches them (when enough have gathered or the oldest has waited long), else when
         * the worker runs out of tasks (park). */
        if (w->flush_since)
            w->be->flush(w);
        if (backlog_since(w))
            wake_for_backlog(w);
        ac_task *t = next_task(w);
        if (!t)
            t = steal(w);
        if (t) {
            if (w->searching)
                end_searching(w);
            /* A queued task's header is usually cold (spawned or woken long ago, often on
             * another CPU): fetch the next one's while this one runs. */
            ac_task *next = ac__local_peek(&w->queue, 0);
            if (next)
                __builtin_prefetch(next, 1);
            run(w, t);
            continue;
        }
        park(w, stop, arg);
    }
    ac__nofork_leave();
    if (w->searching) {
        w->searching = false;
        atomic_fetch_sub_explicit(&rt->nsearching, 1, memory_order_seq_cst);
    }
    if (w->is_thread) {
        /* Another worker may be dropping a task whose I/O is on our ring: keep serving its
         * cancellation until every worker has left its loop. */
        atomic_fetch_sub(&rt->active_workers, 1);
        while (atomic_load(&rt->active_workers) > 0) {
            ac__process_cancels(w);
            ac__backend_reap(w);
            sched_yield();
        }
    }
    ac__spin_unlock(&w->io_lock);
    ac__current = saved;
}

void *ac__worker_main(void *arg)
{
    struct ac__worker *w = arg;
    stack_t altstack;
    ac__altstack_note(&altstack);
    ac__worker_run(w, NULL, NULL);
    ac__altstack_restore(&altstack);
    if (AC__UNLIKELY(atomic_exchange(&w->rt->exit_when_stopped, 0)))
        exit(w->rt->exit_status); /* a fork() child's main (runtime.c) */
    return NULL;
}
