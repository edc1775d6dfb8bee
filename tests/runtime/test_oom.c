/* tests/runtime/test_oom.c (async C): the library never exits when memory runs out. Linked
 * with -Wl,--wrap for malloc, calloc, realloc and aligned_alloc, so that allocations fail on
 * demand: constructors return NULL, sends -ENOMEM, and wakes, drops and cancels still happen. */
#include "test.h"

/* Allocations still allowed: -1 means no limit. Global, not per thread: a wake may run on
 * whichever worker arrives last. */
static atomic_long allowed = -1;
static atomic_long failed;

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
void *__real_aligned_alloc(size_t align, size_t size);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t size);
void *__wrap_aligned_alloc(size_t align, size_t size);

static int refuse(void)
{
    long n = atomic_load(&allowed);
    while (n >= 0) {
        if (n == 0) {
            atomic_fetch_add(&failed, 1);
            return 1;
        }
        if (atomic_compare_exchange_weak(&allowed, &n, n - 1))
            return 0;
    }
    return 0;
}

void *__wrap_malloc(size_t size)
{
    return refuse() ? NULL : __real_malloc(size);
}

void *__wrap_calloc(size_t n, size_t size)
{
    return refuse() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t size)
{
    return refuse() ? NULL : __real_realloc(p, size);
}

void *__wrap_aligned_alloc(size_t align, size_t size)
{
    return refuse() ? NULL : __real_aligned_alloc(align, size);
}

/* Lets n more allocations succeed, then fails every one until fail_none(); returns how many
 * had failed before. */
static long fail_after(long n)
{
    atomic_store(&allowed, n);
    return atomic_load(&failed);
}

static void fail_none(void)
{
    atomic_store(&allowed, -1);
}

/* Each constructor, out of memory at its first and (where it makes two) second allocation. */
#define CHECK_NULL_AFTER(n, expr)                                                          \
    do {                                                                                   \
        long before_ = fail_after(n);                                                      \
        void *p_ = (void *)(expr);                                                         \
        fail_none();                                                                       \
        CHECK(p_ == NULL);                                                                 \
        CHECK_INT(>, atomic_load(&failed), before_);                                       \
    } while (0)

static void constructors(void)
{
    CHECK_NULL_AFTER(0, ac_semaphore_new(1));
    CHECK_NULL_AFTER(0, ac_mutex_new());
    CHECK_NULL_AFTER(0, ac_notify_new());
    CHECK_NULL_AFTER(0, ac_rwlock_new());
    CHECK_NULL_AFTER(0, ac_barrier_new(2));
    CHECK_NULL_AFTER(0, ac_oneshot_new(8));
    CHECK_NULL_AFTER(0, ac_mpsc_new(8, 4));
    CHECK_NULL_AFTER(1, ac_mpsc_new(8, 4)); /* the ring, after the channel: nothing leaks */
    CHECK_NULL_AFTER(0, ac_mpsc_unbounded_new(8));
    CHECK_NULL_AFTER(1, ac_mpsc_unbounded_new(8));
    CHECK_NULL_AFTER(0, ac_broadcast_new(8, 4));
    CHECK_NULL_AFTER(1, ac_broadcast_new(8, 4));
    long v = 5;
    CHECK_NULL_AFTER(0, ac_watch_new(sizeof v, &v));
    CHECK_NULL_AFTER(0, ac_task_group_new());
    CHECK_NULL_AFTER(0, ac_cancel_token_new());

    ac_broadcast *b = ac_broadcast_new(8, 4);
    CHECK(b);
    CHECK_NULL_AFTER(0, ac_broadcast_subscribe(b));
    ac_broadcast_close(b);
    ac_watch *w = ac_watch_new(sizeof v, &v);
    CHECK(w);
    CHECK_NULL_AFTER(0, ac_watch_subscribe(w));
    ac_watch_close(w);
    ac_cancel_token *t = ac_cancel_token_new();
    CHECK(t);
    CHECK_NULL_AFTER(0, ac_cancel_token_child(t));
    ac_cancel_token_free(t);

    /* A ring or a value whose size overflows size_t is refused, not allocated short. */
    CHECK(ac_mpsc_new(SIZE_MAX / 2, 3) == NULL);
    CHECK(ac_broadcast_new(SIZE_MAX / 2, 3) == NULL);
    CHECK(ac_oneshot_new(SIZE_MAX) == NULL);
    CHECK(ac_watch_new(SIZE_MAX, NULL) == NULL);

    /* And with memory, each one works (and is freed). */
    ac_mutex *m = ac_mutex_new();
    CHECK(m && ac_mutex_try_lock(m) == 0);
    ac_mutex_unlock(m);
    ac_mutex_free(m);
}

/* An unbounded channel whose ring cannot grow refuses the send and keeps what it holds. */
static async void unbounded(void)
{
    ac_mpsc *ch = ac_mpsc_unbounded_new(sizeof(int));
    CHECK(ch);
    for (int i = 0; i < 16; i++)
        CHECK_EQ(ac_mpsc_try_send(ch, &i), 0);
    int v = 16;
    long before = fail_after(0);
    int r1 = ac_mpsc_try_send(ch, &v);
    int r2 = await(ac_mpsc_send(ch, &v));
    fail_none();
    CHECK_EQ(r1, -ENOMEM);
    CHECK_EQ(r2, -ENOMEM);
    CHECK_INT(>=, atomic_load(&failed), before + 2);
    CHECK_EQ(ac_mpsc_try_send(ch, &v), 0);
    for (int i = 0; i <= 16; i++) {
        int got = -1;
        CHECK_EQ(ac_mpsc_try_recv(ch, &got), 0);
        CHECK_EQ(got, i);
    }
    int got;
    CHECK_EQ(ac_mpsc_try_recv(ch, &got), -EAGAIN);
    ac_mpsc_receiver_close(ch);
    ac_mpsc_sender_close(ch);
}

/* Values discarded with a closed receiver are still dropped. */
static atomic_int dropped;

static void count_drop(void *elem)
{
    CHECK_EQ(*(int *)elem, 7);
    atomic_fetch_add(&dropped, 1);
}

static void drops(void)
{
    ac_mpsc *ch = ac_mpsc_new(sizeof(int), 8);
    CHECK(ch);
    ac_mpsc_set_drop(ch, count_drop);
    int seven = 7;
    for (int i = 0; i < 5; i++)
        CHECK_EQ(ac_mpsc_try_send(ch, &seven), 0);
    fail_after(0);
    ac_mpsc_receiver_close(ch);
    fail_none();
    CHECK_EQ(atomic_load(&dropped), 5);
    CHECK_EQ(ac_mpsc_try_send(ch, &seven), -EPIPE);
    ac_mpsc_sender_close(ch); /* the last end: frees it */

    ac_oneshot *o = ac_oneshot_new(sizeof(int));
    CHECK(o);
    ac_oneshot_set_drop(o, count_drop);
    CHECK_EQ(ac_oneshot_send(o, &seven), 0);
    fail_after(0);
    ac_oneshot_receiver_close(o);
    fail_none();
    CHECK_EQ(atomic_load(&dropped), 6);
}

/* More waiters than a wake list holds without allocating (16): all are woken. */
#define WAITERS 40
static ac_barrier *barrier;
static atomic_int through;

static async void arrive(void)
{
    await(ac_barrier_wait(barrier));
    atomic_fetch_add(&through, 1);
}

static atomic_int finished;

static async void sleeper(unsigned long ms)
{
    await(ac_sleep_ms(ms));
    atomic_fetch_add(&finished, 1);
}

static long square(void *arg)
{
    long x = (long)arg;
    return x * x;
}

async int main(void)
{
    constructors();
    await(unbounded());
    drops();

    barrier = ac_barrier_new(WAITERS + 1);
    CHECK(barrier);
    ac_task *t[WAITERS];
    for (int i = 0; i < WAITERS; i++)
        t[i] = ac_spawn(arrive());
    /* Whoever arrives last (this task or another) wakes at least 39 with no memory. */
    long before = fail_after(0);
    await(ac_barrier_wait(barrier));
    fail_none();
    CHECK_INT(>, atomic_load(&failed), before);
    for (int i = 0; i < WAITERS; i++)
        await(ac_task_join(t[i], NULL));
    CHECK_EQ(atomic_load(&through), WAITERS);
    ac_barrier_free(barrier);

    /* A task the group cannot track is aborted, not left running unseen. */
    ac_task_group *g = ac_task_group_new();
    CHECK(g);
    ac_task *lost = ac_spawn(sleeper(50));
    before = fail_after(0);
    int r = ac_task_group_add(g, lost);
    fail_none();
    CHECK_EQ(r, -ENOMEM);
    CHECK_EQ(ac_task_group_len(g), 0);
    /* Cancelling the members with no memory for their list cancels every one. */
    for (int i = 0; i < 20; i++)
        CHECK_EQ(ac_task_group_add(g, ac_spawn(sleeper(60000))), 0);
    before = fail_after(0);
    ac_task_group_abort_all(g);
    fail_none();
    CHECK_INT(>, atomic_load(&failed), before);
    for (int i = 0; i < 20; i++)
        CHECK_EQ(await(ac_task_group_join_next(g, NULL)), -ECANCELED);
    CHECK_EQ(await(ac_task_group_join_next(g, NULL)), -ECHILD);
    ac_task_group_free(g);
    await(ac_sleep_ms(200)); /* the aborted one would have finished by now */
    CHECK_EQ(atomic_load(&finished), 0);

    /* A blocking call with no memory for its job runs on the worker instead. */
    before = fail_after(0);
    long sq = await(ac_spawn_blocking(square, (void *)7L));
    fail_none();
    CHECK_EQ(sq, 49);
    CHECK_INT(>, atomic_load(&failed), before);

    printf("oom: ok\n");
    return 0;
}
