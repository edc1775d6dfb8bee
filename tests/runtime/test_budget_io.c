/* tests/runtime/test_budget_io.c (async C): the core's futures that complete at once charge the
 * budget on both backends, so on a current-thread runtime a loop over one lets a ticker run:
 * reads of a pipe that has data and writes to one with room (the epoll backend does them in the
 * poll), a pread and a stat served from the page cache, a close of a bad descriptor, joins of
 * finished tasks and of a NULL handle, a notified wait after notify_all, an acquire of a closed
 * semaphore, and a select and a timeout over a sleep of 0. */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test.h"

#define ITERATIONS 20000

enum kind {
    PIPE_READ,
    PIPE_WRITE,
    PREAD_CACHED,
    STAT_CACHED,
    CLOSE_BAD,
    JOIN_FINISHED,
    JOIN_NULL,
    NOTIFIED_AFTER_ALL,
    CLOSED_SEMAPHORE,
    SELECT_SLEEP_0,
    TIMEOUT_SLEEP_0,
    NKINDS
};
static const char *const kind_names[] = {
    "ac_read (pipe with data)", "ac_write (pipe with room)", "ac_pread (cached)",
    "ac_stat (cached)", "ac_close (bad descriptor)", "ac_task_join (finished)",
    "ac_task_join (NULL)",
    "ac_notified_wait (after all)", "ac_semaphore_acquire (closed)", "ac_select(sleep 0, ...)",
    "ac_timeout(9, sleep 0)"};

static atomic_long ticks;
static atomic_int stop;
static int pipe_fds[2], file_fd;
static ac_notify *notify;
static ac_semaphore *closed_sem;

__attribute__((constructor)) static void current_thread(void)
{
    test_current_thread();
}

static async void ticker(void)
{
    while (!atomic_load(&stop)) {
        atomic_fetch_add(&ticks, 1);
        await(ac_yield());
    }
}

static async int done_at_once(int v)
{
    return v;
}

static async long busy(enum kind k, int n)
{
    long before = atomic_load(&ticks);
    char buf[64];
    struct stat st;
    for (int i = 0; i < n; i++) {
        switch (k) {
        case PIPE_READ:
            CHECK_EQ(write(pipe_fds[1], "x", 1), 1);
            CHECK_EQ(await(ac_read(pipe_fds[0], buf, sizeof buf)), 1);
            break;
        case PIPE_WRITE:
            CHECK_EQ(await(ac_write(pipe_fds[1], "y", 1)), 1);
            CHECK_EQ(read(pipe_fds[0], buf, 1), 1);
            break;
        case PREAD_CACHED:
            CHECK_EQ(await(ac_pread(file_fd, buf, 8, 0)), 8);
            break;
        case STAT_CACHED:
            CHECK_EQ(await(ac_stat("/proc/self", &st)), 0);
            break;
        case CLOSE_BAD:
            CHECK_EQ(await(ac_close(-1)), -EBADF);
            break;
        case JOIN_FINISHED: {
            ac_task *t = ac_spawn(done_at_once(i));
            int v = -1;
            while (await(ac_timeout(0, v = ac_task_join(t, &v))))
                ; /* the join completes once the task has run */
            break;
        }
        case JOIN_NULL:
            CHECK_EQ(await(ac_task_join(NULL, NULL)), -EINVAL);
            break;
        case NOTIFIED_AFTER_ALL: {
            ac_notified interest = ac_notify_enable(notify);
            ac_notify_all(notify);
            await(ac_notified_wait(interest));
            break;
        }
        case CLOSED_SEMAPHORE:
            CHECK_EQ(await(ac_semaphore_acquire(closed_sem, 1)), -EPIPE);
            break;
        case SELECT_SLEEP_0:
            CHECK_EQ(await(ac_select(ac_sleep_ms(0), ac_sleep_ms(1000))), 0);
            break;
        case TIMEOUT_SLEEP_0:
            CHECK_EQ(await(ac_timeout(9, ac_sleep_ms(0))), 0);
            break;
        default:
            break;
        }
    }
    return atomic_load(&ticks) - before;
}

async int main(void)
{
    CHECK_EQ(pipe(pipe_fds), 0);
    file_fd = open("/proc/self/exe", O_RDONLY);
    CHECK_INT(>=, file_fd, 0);
    char warm[8];
    CHECK_EQ(pread(file_fd, warm, sizeof warm, 0), 8);
    notify = ac_notify_new();
    closed_sem = ac_semaphore_new(0);
    ac_semaphore_close(closed_sem);
    ac_task *tick = ac_spawn(ticker());
    int failed = 0;
    for (int k = 0; k < NKINDS; k++) {
        long turns = await(busy((enum kind)k, ITERATIONS));
        printf("budget_io: %-32s %d awaits, the ticker ran %ld times\n", kind_names[k], ITERATIONS, turns);
        if (turns < ITERATIONS / 256) {
            fprintf(stderr, "budget_io: a loop over %s starved the ticker: %ld turns (%s)\n",
                    kind_names[k], turns, ac_runtime_backend());
            failed = 1;
        }
    }
    atomic_store(&stop, 1);
    await(ac_task_join(tick, NULL));
    CHECK_EQ(failed, 0);
    ac_semaphore_free(closed_sem);
    ac_notify_free(notify);
    close(file_fd);
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    return 0;
}
