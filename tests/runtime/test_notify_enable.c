/* tests/runtime/test_notify_enable.c: "check a flag, then wait" cannot miss a notification with
 * ac_notify_enable/ac_notified_wait: an ac_notify_all (or a stored ac_notify_one permit) between
 * the check and the wait completes the wait, forced in that order and raced from a thread;
 * ac_notify_wait in the same order misses it (the reason for the API). */
#include <pthread.h>
#include <sched.h>

#include "test.h"

extern const ac_future_type ac__type_ac_notified_wait;
void ac__init_ac_notified_wait(void *frame, ac_notified interest);

static ac_notify *note;
static atomic_int flag;
static pthread_t setter;

/* The other side: sets the flag, then notifies everyone. */
static void set_and_notify(void)
{
    atomic_store(&flag, 1);
    ac_notify_all(note);
}

enum { FORCED_ALL, FORCED_ONE, FORCED_PLAIN_MISSES, RACED };

typedef struct {
    unsigned state;
    int result;
    int mode, round;
    test_child c, deadline;
} root_frame;

#define ROUNDS 2000

static void *setter_thread(void *arg)
{
    (void)arg;
    for (int i = 0; i < ROUNDS; i++) {
        while (atomic_load(&flag) != 0) /* wait for the next round */
            sched_yield();
        for (int spin = rand() % 2000; spin > 0; spin--)
            __asm__ volatile("" ::: "memory");
        set_and_notify();
        atomic_store(&flag, 2); /* notified: the waiter may start the next round */
        while (atomic_load(&flag) == 2)
            sched_yield();
    }
    return NULL;
}

static int root_poll(void *frame, ac_cx *cx)
{
    root_frame *f = frame;
    for (;;) {
        switch (f->state) {
        case 0: { /* forced: enable, check, then the notification, then the wait */
            ac_notified seen = ac_notify_enable(note);
            CHECK(!atomic_load(&flag));
            if (f->mode == FORCED_ONE) {
                atomic_store(&flag, 1);
                ac_notify_one(note);
            } else {
                set_and_notify();
            }
            if (f->mode == FORCED_PLAIN_MISSES)
                ac__init_ac_notify_wait(f->c.bytes, note);
            else
                ac__init_ac_notified_wait(f->c.bytes, seen);
            const ac_future_type *type = f->mode == FORCED_PLAIN_MISSES ? &ac__type_ac_notify_wait
                                                                         : &ac__type_ac_notified_wait;
            int r = test_poll_once_then_drop(type, &f->c, cx, NULL);
            if (f->mode == FORCED_PLAIN_MISSES)
                CHECK_EQ(r, AC_PENDING); /* ac_notify_all stores nothing: missed */
            else
                CHECK_EQ(r, AC_READY);
            atomic_store(&flag, 0);
            if (++f->mode == RACED) {
                f->state = 1;
                CHECK_EQ(pthread_create(&setter, NULL, setter_thread, NULL), 0);
            }
            break;
        }
        case 1: { /* raced: the setter thread notifies at a random moment */
            if (f->round == ROUNDS) {
                f->result = 0;
                f->state = AC_STATE_DONE;
                return AC_READY;
            }
            ac_notified seen = ac_notify_enable(note);
            if (atomic_load(&flag)) {
                f->state = 3;
                break;
            }
            ac__init_ac_notified_wait(f->c.bytes, seen);
            ac__init_ac_sleep_ms(f->deadline.bytes, 10000);
            f->state = 2;
        }
            /* fallthrough */
        case 2:
            if (test_poll_child(&ac__type_ac_notified_wait, &f->c, cx, NULL) == AC_PENDING) {
                if (test_poll_child(&ac__type_ac_sleep_ms, &f->deadline, cx, NULL) == AC_READY) {
                    fprintf(stderr, "notify_enable: round %d: the notification was missed\n",
                            f->round);
                    abort();
                }
                return AC_PENDING;
            }
            ac__type_ac_sleep_ms.drop(f->deadline.bytes, cx);
            CHECK(atomic_load(&flag));
            /* fallthrough */
        case 3:
            /* The flag can be seen before the setter's ac_notify_all has run: starting the next
             * round then would let that late notify_all complete the next round's wait. */
            while (atomic_load(&flag) != 2)
                sched_yield();
            atomic_store(&flag, 0); /* the setter's next round */
            f->round++;
            f->state = 1;
            break;
        default:
            CHECK(0);
        }
    }
}

static const ac_future_type root_type = TEST_TYPE(root_frame, root_poll, test_no_drop);

int main(void)
{
    note = ac_notify_new();
    CHECK_EQ(test_block_on(&root_type), 0);
    pthread_join(setter, NULL);
    ac_runtime_shutdown();
    ac_notify_free(note);
    printf("notify_enable: forced orders and %d raced rounds passed\n", ROUNDS);
    return 0;
}
