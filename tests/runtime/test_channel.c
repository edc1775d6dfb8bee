/* tests/runtime/test_channel.c: channels: mpsc with 4 producers (every value once, in order per
 * producer), close semantics both ways, cancelled send/recv lose nothing; oneshot; broadcast
 * (every receiver sees every value, lag reported, close after drain); and the budget: a task
 * that always finds a value ready still lets another task run on a one-worker runtime. */
#include "test.h"

#define NPRODUCERS 4
#define PER_PRODUCER 5000

static ac_mpsc *ch;

typedef struct {
    CO_HEAD;
    int id, i, r;
    long v;
} producer_frame;

static int producer_poll(void *frame, ac_cx *cx)
{
    producer_frame *f = frame;
    CO_BEGIN(f);
    for (f->i = 0; f->i < PER_PRODUCER; f->i++) {
        f->v = (long)f->id * 1000000 + f->i;
        CO_AWAIT(f, ac__type_ac_mpsc_send, ac__init_ac_mpsc_send(f->c.bytes, ch, &f->v), &f->r);
        CHECK_EQ(f->r, 0);
    }
    ac_mpsc_sender_close(ch);
    CO_RETURN(f, 0);
    CO_END(f);
}
static const ac_future_type producer_type = TEST_TYPE(producer_frame, producer_poll, co_drop);

/* For the budget check: counts how often it ran while the greedy receiver was busy. */
static atomic_int other_ran;
static atomic_int greedy_done;
typedef struct {
    CO_HEAD;
} other_frame;
static int other_poll(void *frame, ac_cx *cx)
{
    other_frame *f = frame;
    CO_BEGIN(f);
    while (!atomic_load(&greedy_done)) {
        atomic_fetch_add(&other_ran, 1);
        CO_AWAIT(f, ac__type_ac_yield, ac__init_ac_yield(f->c.bytes), NULL);
    }
    CO_RETURN(f, 0);
    CO_END(f);
}
static const ac_future_type other_type = TEST_TYPE(other_frame, other_poll, co_drop);

typedef struct {
    CO_HEAD;
    int i, r, n;
    long v;
    long next[NPRODUCERS];
    ac_task *t[NPRODUCERS];
    ac_oneshot *o;
    ac_broadcast *b;
    ac_broadcast_rx *rx[3];
    ac_mpsc *big;
    ac_task *other;
    test_child c2;
} root_frame;

static int current_thread_pass;

static int root_poll(void *frame, ac_cx *cx)
{
    root_frame *f = frame;
    CO_BEGIN(f);
    /* mpsc with producers on all workers */
    ch = ac_mpsc_new(sizeof(long), 16);
    for (int i = 1; i < NPRODUCERS; i++)
        ac_mpsc_sender_clone(ch);
    for (int i = 0; i < NPRODUCERS; i++) {
        producer_frame *pf;
        f->t[i] = CO_SPAWN_NEW(producer_type, pf);
        pf->id = i;
        ac_task_detach(ac__task_spawn(f->t[i]));
        f->next[i] = 0;
    }
    for (f->n = 0;; f->n++) {
        CO_AWAIT(f, ac__type_ac_mpsc_recv, ac__init_ac_mpsc_recv(f->c.bytes, ch, &f->v), &f->r);
        if (f->r == -EPIPE)
            break;
        CHECK_EQ(f->r, 0);
        int id = (int)(f->v / 1000000);
        CHECK_EQ(f->v % 1000000, f->next[id]);
        f->next[id]++;
        /* Now and then a cancelled receive: it must not swallow a value. */
        if (f->n % 97 == 0) {
            ac__init_ac_mpsc_recv(f->c2.bytes, ch, &f->v);
            if (test_poll_once_then_drop(&ac__type_ac_mpsc_recv, &f->c2, cx, &f->r) == AC_READY) {
                CHECK_EQ(f->r, 0);
                id = (int)(f->v / 1000000);
                CHECK_EQ(f->v % 1000000, f->next[id]);
                f->next[id]++;
                f->n++;
            }
        }
    }
    CHECK_EQ(f->n, NPRODUCERS * PER_PRODUCER);
    CHECK_EQ(ac_mpsc_try_recv(ch, &f->v), -EPIPE);
    ac_mpsc_receiver_close(ch); /* frees it */

    /* receiver closed: send fails; a cancelled send sends nothing */
    ch = ac_mpsc_new(sizeof(long), 1);
    f->v = 1;
    CHECK_EQ(ac_mpsc_try_send(ch, &f->v), 0);
    CHECK_EQ(ac_mpsc_try_send(ch, &f->v), -EAGAIN);
    f->v = 2;
    ac__init_ac_mpsc_send(f->c2.bytes, ch, &f->v);
    CHECK_EQ(test_poll_once_then_drop(&ac__type_ac_mpsc_send, &f->c2, cx, NULL), AC_PENDING);
    CHECK_EQ(ac_mpsc_try_recv(ch, &f->v), 0);
    CHECK_EQ(f->v, 1);
    CHECK_EQ(ac_mpsc_try_recv(ch, &f->v), -EAGAIN); /* the dropped send sent nothing */
    CHECK_EQ(ac_mpsc_try_send(ch, &f->v), 0);
    ac__init_ac_mpsc_send(f->c2.bytes, ch, &f->v);
    CHECK_EQ(test_poll_child(&ac__type_ac_mpsc_send, &f->c2, cx, NULL), AC_PENDING);
    ac_mpsc_receiver_close(ch);
    CHECK_EQ(test_poll_child(&ac__type_ac_mpsc_send, &f->c2, cx, &f->r), AC_READY);
    CHECK_EQ(f->r, -EPIPE);
    CHECK_EQ(ac_mpsc_try_send(ch, &f->v), -EPIPE);
    ac_mpsc_sender_close(ch); /* frees it */

    /* oneshot */
    f->o = ac_oneshot_new(sizeof(long));
    CO_AWAIT(f, ac__type_ac_yield, ac__init_ac_yield(f->c.bytes), NULL);
    f->v = 77;
    CHECK_EQ(ac_oneshot_send(f->o, &f->v), 0);
    f->v = 0;
    CO_AWAIT(f, ac__type_ac_oneshot_recv, ac__init_ac_oneshot_recv(f->c.bytes, f->o, &f->v), &f->r);
    CHECK_EQ(f->r, 0);
    CHECK_EQ(f->v, 77);
    f->o = ac_oneshot_new(sizeof(long));
    ac__init_ac_oneshot_recv(f->c2.bytes, f->o, &f->v);
    CHECK_EQ(test_poll_child(&ac__type_ac_oneshot_recv, &f->c2, cx, NULL), AC_PENDING);
    ac_oneshot_sender_close(f->o);
    CHECK_EQ(test_poll_child(&ac__type_ac_oneshot_recv, &f->c2, cx, &f->r), AC_READY);
    CHECK_EQ(f->r, -EPIPE);
    f->o = ac_oneshot_new(sizeof(long));
    ac__init_ac_oneshot_recv(f->c2.bytes, f->o, &f->v);
    CHECK_EQ(test_poll_once_then_drop(&ac__type_ac_oneshot_recv, &f->c2, cx, NULL), AC_PENDING);
    CHECK_EQ(ac_oneshot_send(f->o, &f->v), -EPIPE); /* the receiver was dropped */

    /* broadcast */
    f->b = ac_broadcast_new(sizeof(long), 4);
    f->v = 5;
    CHECK_EQ(ac_broadcast_send(f->b, &f->v), -EPIPE);
    for (int i = 0; i < 3; i++)
        f->rx[i] = ac_broadcast_subscribe(f->b);
    for (long k = 0; k < 3; k++)
        CHECK_EQ(ac_broadcast_send(f->b, &k), 3);
    for (f->i = 0; f->i < 9; f->i++) {
        CO_AWAIT(f, ac__type_ac_broadcast_recv, ac__init_ac_broadcast_recv(f->c.bytes, f->rx[f->i / 3], &f->v), &f->r);
        CHECK_EQ(f->r, 0);
        CHECK_EQ(f->v, f->i % 3);
    }
    for (long k = 10; k < 16; k++) /* rx[0] will lag: capacity 4, 6 sent */
        ac_broadcast_send(f->b, &k);
    CO_AWAIT(f, ac__type_ac_broadcast_recv, ac__init_ac_broadcast_recv(f->c.bytes, f->rx[0], &f->v), &f->r);
    CHECK_EQ(f->r, 2);
    CO_AWAIT(f, ac__type_ac_broadcast_recv, ac__init_ac_broadcast_recv(f->c.bytes, f->rx[0], &f->v), &f->r);
    CHECK_EQ(f->r, 0);
    CHECK_EQ(f->v, 12);
    ac__init_ac_broadcast_recv(f->c2.bytes, f->rx[1], &f->v);
    CHECK_EQ(test_poll_once_then_drop(&ac__type_ac_broadcast_recv, &f->c2, cx, &f->r), AC_READY);
    ac_broadcast_rx_close(f->rx[1]);
    ac_broadcast_rx_close(f->rx[2]);
    ac_broadcast_close(f->b);
    for (f->i = 13; f->i < 16; f->i++) {
        CO_AWAIT(f, ac__type_ac_broadcast_recv, ac__init_ac_broadcast_recv(f->c.bytes, f->rx[0], &f->v), &f->r);
        CHECK_EQ(f->r, 0);
        CHECK_EQ(f->v, f->i);
    }
    CO_AWAIT(f, ac__type_ac_broadcast_recv, ac__init_ac_broadcast_recv(f->c.bytes, f->rx[0], &f->v), &f->r);
    CHECK_EQ(f->r, -EPIPE);
    ac_broadcast_rx_close(f->rx[0]); /* frees the channel */

    /* Budget: the other task runs although our receives are always ready. */
    f->big = ac_mpsc_new(sizeof(long), 100000);
    for (long k = 0; k < 100000; k++)
        CHECK_EQ(ac_mpsc_try_send(f->big, &k), 0);
    ac_mpsc_sender_close(f->big);
    {
        other_frame *of;
        f->other = CO_SPAWN_NEW(other_type, of);
        ac__task_spawn(f->other);
    }
    atomic_store(&other_ran, 0);
    for (f->n = 0;; f->n++) {
        CO_AWAIT(f, ac__type_ac_mpsc_recv, ac__init_ac_mpsc_recv(f->c.bytes, f->big, &f->v), &f->r);
        if (f->r)
            break;
    }
    CHECK_EQ(f->n, 100000);
    /* On one thread the other task can only run when our budget makes us yield. (With two
     * workers it runs beside us, as soon as the OS gives its worker a CPU.) */
    if (current_thread_pass)
        CHECK_INT(>=, atomic_load(&other_ran), 100000 / 128 / 2);
    atomic_store(&greedy_done, 1);
    ac_mpsc_receiver_close(f->big);
    CO_AWAIT(f, ac__type_ac_task_join, ac__init_ac_task_join(f->c.bytes, f->other, NULL, AC__RESULT_SIZE(NULL)), NULL);
    CO_RETURN(f, 0);
    CO_END(f);
}
static const ac_future_type root_type = TEST_TYPE(root_frame, root_poll, co_drop);

int main(void)
{
    /* Once on the multi-threaded runtime, once on one thread (where the budget matters). */
    for (int current = 0; current < 2; current++) {
        ac_runtime_config cfg = {0};
        cfg.current_thread = current;
        CHECK_EQ(ac_runtime_configure(&cfg), 0);
        atomic_store(&greedy_done, 0);
        current_thread_pass = current;
        CHECK_EQ(test_block_on(&root_type), 0);
        ac_runtime_shutdown();
    }
    return 0;
}
