/* tests/runtime/test_budget.c: every runtime future that can complete at once charges the
 * cooperative budget, so on a current-thread runtime a loop over such a future lets a ticker
 * task run: sleeps of 0 and past deadlines, an uncontended mutex, an available semaphore, a
 * notify with a stored permit, a channel send with room, a broadcast or oneshot value there,
 * and interval ticks due already. (Channel receives, I/O, timers that fired and joins charged it
 * before.) */
#include "test.h"

extern const ac_future_type ac__type_ac_sleep_until, ac__type_ac_interval_tick;
void ac__init_ac_sleep_until(void *frame, unsigned long long deadline_ms);
void ac__init_ac_interval_tick(void *frame, ac_interval *iv);

enum kind {
    SLEEP_0,
    SLEEP_UNTIL_PAST,
    MUTEX,
    SEMAPHORE,
    NOTIFY_PERMIT,
    MPSC_SEND,
    BROADCAST_RECV,
    ONESHOT_RECV,
    INTERVAL_BURST,
    NKINDS
};
static const char *const kind_names[] = {
    "ac_sleep_ms(0)", "ac_sleep_until(past)", "ac_mutex_lock", "ac_semaphore_acquire",
    "ac_notify_wait with a permit", "ac_mpsc_send with room", "ac_broadcast_recv with a value",
    "ac_oneshot_recv with a value", "ac_interval_tick due"};

static atomic_long ticks;
static atomic_int stop;

/* ------------------------------------------------------------------------------------------ */
/* The ticker: counts its turns.                                                              */

typedef struct {
    unsigned state;
    int result;
    test_child c;
} ticker_frame;

static int ticker_poll(void *frame, ac_cx *cx)
{
    ticker_frame *f = frame;
    for (;;) {
        if (f->state == 1 && test_poll_child(&ac__type_ac_yield, &f->c, cx, NULL) == AC_PENDING)
            return AC_PENDING;
        if (atomic_load(&stop)) {
            f->state = AC_STATE_DONE;
            return AC_READY;
        }
        atomic_fetch_add(&ticks, 1);
        ac__init_ac_yield(f->c.bytes);
        f->state = 1;
    }
}

static const ac_future_type ticker_type = TEST_TYPE(ticker_frame, ticker_poll, test_no_drop);

/* ------------------------------------------------------------------------------------------ */
/* The busy loop: awaits one kind of ready future ITERATIONS times, and returns how many     */
/* turns the ticker had meanwhile (counted, not timed: valgrind and loaded machines are slow). */

#define ITERATIONS 20000 /* about 150 budgets of 128 */

/* The primitives the loops use, made once by the root. */
struct prims {
    ac_mutex *mutex;
    ac_semaphore *sem;
    ac_notify *notify;
    ac_mpsc *mpsc;
    ac_broadcast *bc;
    ac_broadcast_rx *rx;
};

typedef struct {
    unsigned state;
    int result;
    enum kind kind;
    long ticks_before, iterations;
    struct prims p;
    ac_oneshot *oneshot;
    ac_interval iv;
    int value, one; /* one: what is sent (a send may keep the pointer until it completes) */
    const ac_future_type *ctype;
    test_child c;
} busy_frame;

/* Prepares the next iteration's future in f->c and returns its type. */
static const ac_future_type *prepare(busy_frame *f)
{
    f->one = 1;
    switch (f->kind) {
    case SLEEP_0:
        ac__init_ac_sleep_ms(f->c.bytes, 0);
        return &ac__type_ac_sleep_ms;
    case SLEEP_UNTIL_PAST:
        ac__init_ac_sleep_until(f->c.bytes, 0);
        return &ac__type_ac_sleep_until;
    case MUTEX:
        ac__init_ac_mutex_lock(f->c.bytes, f->p.mutex);
        return &ac__type_ac_mutex_lock;
    case SEMAPHORE:
        ac__init_ac_semaphore_acquire(f->c.bytes, f->p.sem, 1);
        return &ac__type_ac_semaphore_acquire;
    case NOTIFY_PERMIT:
        ac_notify_one(f->p.notify);
        ac__init_ac_notify_wait(f->c.bytes, f->p.notify);
        return &ac__type_ac_notify_wait;
    case MPSC_SEND:
        ac__init_ac_mpsc_send(f->c.bytes, f->p.mpsc, &f->one);
        return &ac__type_ac_mpsc_send;
    case BROADCAST_RECV:
        CHECK_EQ(ac_broadcast_send(f->p.bc, &f->one), 1);
        ac__init_ac_broadcast_recv(f->c.bytes, f->p.rx, &f->value);
        return &ac__type_ac_broadcast_recv;
    case ONESHOT_RECV:
        f->oneshot = ac_oneshot_new(sizeof f->one);
        CHECK_EQ(ac_oneshot_send(f->oneshot, &f->one), 0);
        ac__init_ac_oneshot_recv(f->c.bytes, f->oneshot, &f->value);
        return &ac__type_ac_oneshot_recv;
    case INTERVAL_BURST:
        f->iv.next_ms = 0; /* always due: the tick completes at once */
        ac__init_ac_interval_tick(f->c.bytes, &f->iv);
        return &ac__type_ac_interval_tick;
    default:
        CHECK(0);
        return NULL;
    }
}

/* Gives back what the iteration's future took. */
static void release(busy_frame *f)
{
    int v;
    switch (f->kind) {
    case MUTEX:
        ac_mutex_unlock(f->p.mutex);
        break;
    case SEMAPHORE:
        ac_semaphore_release(f->p.sem, 1);
        break;
    case MPSC_SEND:
        CHECK_EQ(ac_mpsc_try_recv(f->p.mpsc, &v), 0);
        break;
    default:
        break;
    }
}

static int busy_poll(void *frame, ac_cx *cx)
{
    busy_frame *f = frame;
    if (f->state == 0)
        f->ticks_before = atomic_load(&ticks);
    for (;;) {
        if (f->state == 1) {
            if (f->ctype->poll(f->c.bytes, cx) == AC_PENDING)
                return AC_PENDING;
            release(f);
            f->iterations++;
        }
        if (f->iterations == ITERATIONS)
            break;
        f->ctype = prepare(f);
        f->state = 1;
    }
    f->result = (int)(atomic_load(&ticks) - f->ticks_before);
    printf("budget: %-30s %ld iterations, the ticker ran %d times\n", kind_names[f->kind],
           f->iterations, f->result);
    f->state = AC_STATE_DONE;
    return AC_READY;
}

static const ac_future_type busy_type = TEST_TYPE(busy_frame, busy_poll, test_no_drop);

/* ------------------------------------------------------------------------------------------ */
/* The root: one busy loop of each kind, with the ticker running.                             */

typedef struct {
    unsigned state;
    int result;
    enum kind kind;
    int turns, ret;
    ac_task *ticker;
    struct prims p;
    test_child c;
} root_frame;

static void start_busy(root_frame *f)
{
    busy_frame *b;
    ac_task *t = ac__task_new(&busy_type, (void **)&b);
    memset(b, 0, sizeof *b);
    b->kind = f->kind;
    b->p = f->p;
    ac_interval_init(&b->iv, 1);
    ac__init_ac_task_join(f->c.bytes, ac__task_spawn(t), &f->turns, AC__RESULT_SIZE(&f->turns));
}

static int root_poll(void *frame, ac_cx *cx)
{
    root_frame *f = frame;
    if (f->state == 0) {
        void *fr;
        f->ticker = ac__task_spawn(ac__task_new(&ticker_type, &fr));
        memset(fr, 0, sizeof(ticker_frame));
        f->p.mutex = ac_mutex_new();
        f->p.sem = ac_semaphore_new(1);
        f->p.notify = ac_notify_new();
        f->p.mpsc = ac_mpsc_new(sizeof(int), 4);
        f->p.bc = ac_broadcast_new(sizeof(int), 4);
        f->p.rx = ac_broadcast_subscribe(f->p.bc);
        f->kind = 0;
        start_busy(f);
        f->state = 1;
    }
    while (f->state == 1) {
        if (test_poll_child(&ac__type_ac_task_join, &f->c, cx, &f->ret) == AC_PENDING)
            return AC_PENDING;
        CHECK_EQ(f->ret, 0);
        if (f->turns < ITERATIONS / 256) { /* one turn per budget of 128 is expected */
            fprintf(stderr, "budget: a loop over %s starved the ticker: %d turns in %d awaits\n",
                    kind_names[f->kind], f->turns, ITERATIONS);
            abort();
        }
        if (++f->kind < NKINDS) {
            start_busy(f);
        } else {
            atomic_store(&stop, 1);
            ac__init_ac_task_join(f->c.bytes, f->ticker, NULL, AC__RESULT_SIZE(NULL));
            f->state = 2;
        }
    }
    if (test_poll_child(&ac__type_ac_task_join, &f->c, cx, &f->ret) == AC_PENDING)
        return AC_PENDING;
    ac_mutex_free(f->p.mutex);
    ac_semaphore_free(f->p.sem);
    ac_notify_free(f->p.notify);
    ac_mpsc_receiver_close(f->p.mpsc);
    ac_mpsc_sender_close(f->p.mpsc);
    ac_broadcast_rx_close(f->p.rx);
    ac_broadcast_close(f->p.bc);
    f->result = 0;
    f->state = AC_STATE_DONE;
    return AC_READY;
}

static const ac_future_type root_type = TEST_TYPE(root_frame, root_poll, test_no_drop);

int main(void)
{
    test_current_thread();
    CHECK_EQ(test_block_on(&root_type), 0);
    ac_runtime_shutdown();
    return 0;
}
