/* runtime/monitor.c: the monitor thread (Go's sysmon): a worker stuck in one poll (a blocking call
 * in a task) strands nothing: its completions, timers and cancellations are served and its queue
 * is stolen; with $ASYNCC_SLOW_POLL_MS the watchdog reports such a poll while it still runs. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nofork.h"
#include "task.h"
#include "task_state.h"
#include "worker.h"

/* Rounds every ms while a worker runs tasks, every IDLE_ROUND_MS when all are parked, and none
 * once PARKED_ROUNDS rounds in a row found them all parked, until one unparks: an idle program's
 * monitor wakes nobody. (Workers park whenever they wait for I/O, many times a second under
 * load: waking the monitor at each of those unparks would cost more than its rounds.) A worker
 * is taken over once its poll has lasted STUCK_MS. */
#define ROUND_MS 1
#define IDLE_ROUND_MS 10
#define PARKED_ROUNDS 10
#define STUCK_MS 2

struct watch {
    uint64_t polls;     /* the worker's poll count at the last round */
    uint64_t since_ms;  /* when it was first seen at that count */
    unsigned reported;  /* the watch_seq of the poll the watchdog reported */
};

/* Serves what waits on w's backend and wheel, and leaves its queue to the others. Called with
 * w->io_lock held, while w is inside a poll. */
static void take_over(struct ac__runtime *rt, struct ac__worker *w)
{
    atomic_store_explicit(&w->stuck, 1, memory_order_relaxed);
    ac_task *t = atomic_exchange_explicit(&w->lifo, NULL, memory_order_acq_rel);
    if (t)
        ac__inject_push(&rt->inject, t);
    /* Tasks another worker handed to w (worker.c, hand_over) go too; pinned ones stay, in
     * their order. */
    bool handed = false;
    for (size_t n = atomic_load(&w->remote.len); n; n--) {
        ac_task *r = ac__inject_pop(&w->remote);
        if (!r)
            break;
        bool pinned = ac__state_pinned_worker(r) >= 0;
        ac__inject_push(pinned ? &w->remote : &rt->inject, r);
        handed |= !pinned;
    }
    ac__process_cancels(w);
    ac__backend_reap(w); /* the tasks it wakes go to the global queue: ac__current is NULL */
    ac__worker_fire_timers(w);
    if (t || handed || !ac__local_is_empty(&w->queue))
        ac__notify_parked(rt);
}

/* Reports a poll that has run ms milliseconds and still runs, once per poll. */
static void watchdog(struct ac__worker *w, struct watch *wa, uint64_t now)
{
    unsigned seq = atomic_load_explicit(&w->watch_seq, memory_order_acquire);
    if ((seq & 1) || seq == wa->reported) /* between polls, or reported already */
        return;
    /* Acquire loads of the fields (worker.c's watch_begin stores them with release): one that
     * reads a newer poll's value makes the count below read that poll's odd count, or later. */
    uint64_t start = atomic_load_explicit(&w->watch_start_ms, memory_order_acquire);
    if (now - start < w->rt->slow_poll_ms)
        return;
    const char *name = atomic_load_explicit(&w->watch_name, memory_order_acquire);
    uint64_t words[AC__WATCH_WORDS + 1] = {0};
    for (unsigned i = 0; i < AC__WATCH_WORDS; i++)
        words[i] = atomic_load_explicit(&w->watch_site[i], memory_order_acquire);
    const char *site = (const char *)words;
    if (atomic_load_explicit(&w->watch_seq, memory_order_relaxed) != seq)
        return; /* a new poll began meanwhile */
    wa->reported = seq;
    fprintf(stderr,
            "asyncc: watchdog: task %s has run %llu ms without yielding on worker %u and is "
            "still running; it was polled%s\n",
            name, (unsigned long long)(now - start), w->index, site[0] ? site : " from its start");
}

static bool all_parked(struct ac__runtime *rt)
{
    return atomic_load_explicit(&rt->nparked, memory_order_seq_cst) >= rt->nworkers;
}

/* Sleeps (monitor_lock held) until a worker unparks, if every worker is parked. The worker
 * counts itself awake, then looks at monitor_idle (ac__count_unparked); this sets monitor_idle,
 * then looks at the count: one of the two sees the other's write (both sequentially consistent),
 * and the wake takes monitor_lock, so it cannot come between the look and the wait. */
static void sleep_while_all_parked(struct ac__runtime *rt)
{
    atomic_store(&rt->monitor_idle, 1);
    if (all_parked(rt) && !atomic_load(&rt->stopping))
        pthread_cond_wait(&rt->monitor_cond, &rt->monitor_lock);
    atomic_store(&rt->monitor_idle, 0);
}

void ac__count_unparked(struct ac__runtime *rt)
{
    atomic_fetch_sub_explicit(&rt->nparked, 1, memory_order_seq_cst);
    if (atomic_load(&rt->monitor_idle)) {
        pthread_mutex_lock(&rt->monitor_lock);
        pthread_cond_signal(&rt->monitor_cond);
        pthread_mutex_unlock(&rt->monitor_lock);
    }
}

/* One round over the workers at time now. */
static void round_over(struct ac__runtime *rt, struct watch *watches, uint64_t now)
{
    for (unsigned i = 0; i < rt->nworkers; i++) {
        struct ac__worker *w = &rt->workers[i];
        struct watch *wa = &watches[i];
        uint64_t polls = atomic_load_explicit(&w->stats.polls, memory_order_relaxed);
        if (polls != wa->polls) {
            wa->polls = polls;
            wa->since_ms = now;
            continue;
        }
        /* The same poll count as a round ago: parked, in its loop between polls (holding
         * its lock), or inside one poll (the lock is free). */
        if (rt->slow_poll_ms)
            watchdog(w, wa, now);
        if (now - wa->since_ms < STUCK_MS || atomic_load(&w->asleep))
            continue;
        /* Moving w's tasks is a no-fork section; we hold monitor_lock, which a worker in a
         * section may wait for, so a fork() under way only makes us skip a round. */
        if (!ac__nofork_try_enter())
            continue;
        if (ac__spin_trylock(&w->io_lock)) {
            take_over(rt, w);
            ac__spin_unlock(&w->io_lock);
        }
        ac__nofork_leave();
    }
    /* Completions pile up in a busy worker's backend while another sleeps: wake it to
     * take a share (the busy one looks only between batches of its tasks). */
    for (unsigned i = 0; i < rt->nworkers && atomic_load(&rt->nparked); i++) {
        struct ac__worker *w = &rt->workers[i];
        if (!atomic_load(&w->asleep) && w->be->ready(w) >= AC__SHARE_MIN) {
            ac__notify_parked(rt);
            break;
        }
    }
}

void *ac__monitor_main(void *arg)
{
    struct ac__runtime *rt = arg;
    struct watch *watches = calloc(rt->nworkers, sizeof *watches);
    rt->monitor_state = watches; /* found there in a fork() child, where this thread is not */
    if (!watches)
        return NULL; /* no monitor: what it does is a help, not a duty */
    unsigned parked = 0; /* rounds in a row that found every worker parked */
    pthread_mutex_lock(&rt->monitor_lock);
    while (!atomic_load(&rt->stopping)) {
        parked = all_parked(rt) ? parked + 1 : 0;
        if (parked > PARKED_ROUNDS) {
            sleep_while_all_parked(rt);
            /* What the workers did meanwhile is no poll that lasts: count from now */
            uint64_t now = ac__now_ms();
            for (unsigned i = 0; i < rt->nworkers; i++) {
                watches[i].polls = atomic_load_explicit(&rt->workers[i].stats.polls, memory_order_relaxed);
                watches[i].since_ms = now;
            }
            parked = 0;
            continue;
        }
        struct timespec until;
        clock_gettime(CLOCK_MONOTONIC, &until);
        long ns = (parked ? IDLE_ROUND_MS : ROUND_MS) * 1000000L;
        until.tv_nsec += ns;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&rt->monitor_cond, &rt->monitor_lock, &until);
        if (atomic_load(&rt->stopping))
            break;
        round_over(rt, watches, ac__now_ms());
    }
    pthread_mutex_unlock(&rt->monitor_lock);
    rt->monitor_state = NULL;
    free(watches);
    return NULL;
}
