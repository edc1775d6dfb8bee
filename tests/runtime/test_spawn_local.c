/* tests/runtime/test_spawn_local.c: ac__task_spawn_local pins a task to the spawning worker:
 * every poll runs on that thread, also after yields, sleeps, and wakes from a plain thread,
 * while an idle second worker is ready to steal. */
#include <pthread.h>

#include "test.h"

#define NLOCAL 50

static ac_waker *_Atomic mailbox;
static atomic_int stop_waker;

static void *waker_thread(void *arg)
{
    (void)arg;
    while (!atomic_load(&stop_waker)) {
        ac_waker *w = atomic_exchange(&mailbox, NULL);
        if (w)
            ac_waker_wake(*w);
    }
    return NULL;
}

typedef struct {
    CO_HEAD;
    pthread_t home;
    int i;
    ac_waker w;
    int woken;
} local_frame;

static int local_poll(void *frame, ac_cx *cx)
{
    local_frame *f = frame;
    CHECK(pthread_equal(pthread_self(), f->home));
    CO_BEGIN(f);
    for (f->i = 0; f->i < 10; f->i++) {
        CO_AWAIT(f, ac__type_ac_yield, ac__init_ac_yield(f->c.bytes), NULL);
        CO_AWAIT(f, ac__type_ac_sleep_ms, ac__init_ac_sleep_ms(f->c.bytes, 1), NULL);
    }
    /* A wake from a thread outside the runtime must come back to our worker. */
    f->w = ac_cx_waker(cx);
    for (;;) {
        ac_waker *expected = NULL;
        if (atomic_compare_exchange_strong(&mailbox, &expected, &f->w))
            break;
    }
    f->state = 1000;
    return AC_PENDING;
    case 1000:
    CO_RETURN(f, 0);
    CO_END(f);
}
static const ac_future_type local_type = TEST_TYPE(local_frame, local_poll, co_drop);

typedef struct {
    CO_HEAD;
    int i;
    ac_task *t[NLOCAL];
} root_frame;

static int root_poll(void *frame, ac_cx *cx)
{
    root_frame *f = frame;
    CO_BEGIN(f);
    for (int i = 0; i < NLOCAL; i++) {
        local_frame *lf;
        f->t[i] = CO_SPAWN_NEW(local_type, lf);
        lf->home = pthread_self();
        ac__task_spawn_local(f->t[i]);
    }
    for (f->i = 0; f->i < NLOCAL; f->i++) {
        int r;
        CO_AWAIT(f, ac__type_ac_task_join, ac__init_ac_task_join(f->c.bytes, f->t[f->i], NULL, AC__RESULT_SIZE(NULL)), &r);
        CHECK_EQ(r, 0);
    }
    CO_RETURN(f, 0);
    CO_END(f);
}
static const ac_future_type root_type = TEST_TYPE(root_frame, root_poll, co_drop);

int main(void)
{
    ac_runtime_config cfg = {0};
    cfg.workers = 2;
    CHECK_EQ(ac_runtime_configure(&cfg), 0);
    pthread_t th;
    pthread_create(&th, NULL, waker_thread, NULL);
    CHECK_EQ(test_block_on(&root_type), 0);
    atomic_store(&stop_waker, 1);
    pthread_join(th, NULL);
    ac_runtime_shutdown();
    return 0;
}
