/* tests/runtime/test_wakeups.c: a million wakeups from other threads, none lost and none doubled:
 * each wake causes exactly one more poll, often arriving while the task is still being polled,
 * and a task is never polled on two threads at once. */
#include <pthread.h>

#include "stress.h"
#include "test.h"

#define NTASKS 4
#define NWAKERS 2
#define TOTAL STRESS_N(1000000, 5)
#define PER_TASK (TOTAL / NTASKS)

/* A task deposits its waker here at every poll; the waker threads take and wake it. */
static ac_waker *_Atomic mailbox[NTASKS];
static ac_waker wakers[NTASKS][2];
static atomic_int in_poll[NTASKS];
static atomic_long polls[NTASKS];
static atomic_int done;

typedef struct {
    unsigned state;
    int result;
    int id;
    long count;
    unsigned flip;
} pinger_frame;

static int pinger_poll(void *frame, ac_cx *cx)
{
    pinger_frame *f = frame;
    CHECK_EQ(atomic_exchange(&in_poll[f->id], 1), 0);
    atomic_fetch_add(&polls[f->id], 1);
    if (f->count++ == PER_TASK) {
        atomic_store(&in_poll[f->id], 0);
        atomic_fetch_add(&done, 1);
        f->result = 0;
        f->state = AC_STATE_DONE;
        return AC_READY;
    }
    /* Two slots alternate so that a waker thread may still hold the previous one. */
    ac_waker *w = &wakers[f->id][f->flip++ & 1];
    *w = ac_cx_waker(cx);
    ac_waker *prev = atomic_exchange(&mailbox[f->id], w);
    CHECK(prev == NULL);
    /* Sometimes do a little work after publishing, so the wake lands while we still run. */
    if (f->count % 3 == 0)
        for (volatile int i = 0; i < 50; i++)
            ;
    atomic_store(&in_poll[f->id], 0);
    return AC_PENDING;
}

static const ac_future_type pinger_type = TEST_TYPE(pinger_frame, pinger_poll, test_no_drop);

static atomic_long wakes;

static void *waker_thread(void *arg)
{
    int first = (int)(long)arg;
    while (atomic_load(&done) < NTASKS) {
        for (int i = first; i < NTASKS; i += NWAKERS) {
            ac_waker *w = atomic_exchange(&mailbox[i], NULL);
            if (w) {
                ac_waker v = *w;
                ac_waker_wake(v);
                atomic_fetch_add(&wakes, 1);
            }
        }
    }
    return NULL;
}

typedef struct {
    unsigned state;
    int result;
    int i;
    ac_task *t[NTASKS];
    test_child c;
} root_frame;

static int root_poll(void *frame, ac_cx *cx)
{
    root_frame *f = frame;
    if (f->state == 0) {
        for (int i = 0; i < NTASKS; i++) {
            void *fr;
            ac_task *t = ac__task_new(&pinger_type, &fr);
            pinger_frame *p = fr;
            p->id = i;
            p->count = 0;
            p->flip = 0;
            f->t[i] = ac__task_spawn(t);
        }
        f->i = 0;
        ac__init_ac_task_join(f->c.bytes, f->t[0], NULL, AC__RESULT_SIZE(NULL));
        f->state = 1;
    }
    for (;;) {
        if (test_poll_child(&ac__type_ac_task_join, &f->c, cx, NULL) == AC_PENDING)
            return AC_PENDING;
        if (++f->i == NTASKS)
            break;
        ac__init_ac_task_join(f->c.bytes, f->t[f->i], NULL, AC__RESULT_SIZE(NULL));
    }
    f->result = 0;
    f->state = AC_STATE_DONE;
    return AC_READY;
}

static const ac_future_type root_type = TEST_TYPE(root_frame, root_poll, test_no_drop);

int main(void)
{
    stress_watchdog_progress(&wakes, 20);
    pthread_t th[NWAKERS];
    for (long i = 0; i < NWAKERS; i++)
        pthread_create(&th[i], NULL, waker_thread, (void *)i);
    test_block_on(&root_type);
    for (int i = 0; i < NWAKERS; i++)
        pthread_join(th[i], NULL);
    stress_watchdog_done();
    CHECK_EQ(atomic_load(&wakes), (long)NTASKS * PER_TASK);
    for (int i = 0; i < NTASKS; i++)
        CHECK_EQ(atomic_load(&polls[i]), PER_TASK + 1); /* one per wake, plus the first */
    ac_runtime_stats st;
    ac_runtime_stats_get(&st);
    printf("%ld wakeups, %llu polls, %llu parks, %llu steals\n", atomic_load(&wakes),
           (unsigned long long)st.polls, (unsigned long long)st.parks,
           (unsigned long long)st.steals);
    ac_runtime_shutdown();
    return 0;
}
