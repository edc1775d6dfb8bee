/* tests/runtime/test_altstack.c: a thread of the runtime that runs the program's code (a worker,
 * a blocking pool thread) leaves with the alternate signal stack it started with, whatever the
 * program set there. gnulib's c-stack (grep, m4, diffutils) gives the thread that runs main a
 * static buffer as its alternate stack; made async, that thread is a worker, and under
 * AddressSanitizer the worker's exit unmapped the buffer as ASan's own stack and died ("failed
 * to deallocate ... UnsetAlternateSignalStack"). Seen here by a thread-specific value's
 * destructor, which runs when the thread ends, as ASan's does. */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>

#include "asyncc/sync.h"
#include "test.h"

static char buffer[1 << 16] __attribute__((aligned(16)));
static pthread_key_t key;
static atomic_int ended, kept_ours;

/* Gives the calling thread buffer as its alternate signal stack, as c-stack does, and a value
 * whose destructor looks at the alternate stack when the thread ends. */
static void take_altstack(void)
{
    stack_t ss = {.ss_sp = buffer, .ss_size = sizeof buffer, .ss_flags = 0};
    CHECK_EQ(sigaltstack(&ss, NULL), 0);
    CHECK_EQ(pthread_setspecific(key, buffer), 0);
}

static void at_thread_end(void *value)
{
    (void)value;
    stack_t now;
    if (sigaltstack(NULL, &now) == 0 && !(now.ss_flags & SS_DISABLE) && now.ss_sp == buffer)
        atomic_fetch_add(&kept_ours, 1);
    atomic_fetch_add(&ended, 1);
}

static long blocking_job(void *arg)
{
    (void)arg;
    take_altstack();
    return 0;
}

typedef struct {
    CO_HEAD;
    long r;
} root_frame;

static int root_poll(void *frame, ac_cx *cx)
{
    root_frame *f = frame;
    CO_BEGIN(f);
    take_altstack();
    CO_AWAIT(f, ac__type_ac_spawn_blocking,
             ac__init_ac_spawn_blocking(f->c.bytes, blocking_job, NULL), &f->r);
    CHECK_EQ(f->r, 0);
    CO_RETURN(f, 0);
    CO_END(f);
}

static const ac_future_type root_type = TEST_TYPE(root_frame, root_poll, co_drop);

int main(void)
{
    CHECK_EQ(pthread_key_create(&key, at_thread_end), 0);
    CHECK_EQ(test_block_on(&root_type), 0);
    ac_runtime_shutdown();
    if (atomic_load(&ended) < 2) {
        printf("altstack: %d of the 2 threads ended by shutdown; skipped\n", atomic_load(&ended));
        return TEST_SKIP;
    }
    if (atomic_load(&kept_ours)) {
        fprintf(stderr, "altstack: %d of %d threads ended with the program's alternate stack\n",
                atomic_load(&kept_ours), atomic_load(&ended));
        return 1;
    }
    printf("altstack: %d runtime threads ended with their own alternate signal stacks\n",
           atomic_load(&ended));
    return 0;
}
