/* tests/runtime/test_fifo_open.c (async C): opening a FIFO never waits for its other end, on
 * either backend (the epoll backend's pool opened it blocking, so an ac_open under a timeout
 * hung the task and its worker for good): a write-only ac_open without a reader fails at once
 * with -ENXIO, a read-only one succeeds at once with a blocking descriptor that then reads what
 * a writer sends, and ac_read_file of a FIFO waits for a writer's data without blocking its
 * worker (the epoll backend read it on the worker, blocking, for as long as the writer wrote
 * nothing) and under a timeout returns -ETIMEDOUT. One worker, so that a blocked one shows. */
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test.h"

static void hung(int sig)
{
    (void)sig;
    static const char msg[] = "fifo_open: a FIFO's open is still waiting after 20 s\n";
    if (write(2, msg, sizeof msg - 1) < 0) {
    }
    abort();
}

TEST_ONE_WORKER()

/* Opens the FIFO for writing (which waits for its reader), writes 4 bytes 300 ms later. */
static void *late_writer(void *path)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    CHECK_INT(>=, fd, 0);
    usleep(300000);
    CHECK_EQ(write(fd, "late", 4), 4);
    close(fd);
    return NULL;
}

/* Sleeps of 5 ms, counted until told to stop: none while the worker is blocked (counted, not
 * timed: under load one sleep took 164 ms with the worker free). */
static _Atomic int ticks;
static _Atomic bool stop_ticking;

static async void ticker(void)
{
    while (!atomic_load(&stop_ticking)) {
        await(ac_sleep_ms(5));
        atomic_fetch_add(&ticks, 1);
    }
}

async int main(void)
{
    signal(SIGALRM, hung);
    alarm(20);
    char path[64];
    snprintf(path, sizeof path, "/tmp/asyncc-fifo-%d", (int)getpid());
    unlink(path);
    CHECK_EQ(mkfifo(path, 0600), 0);

    int fd = 0;
    unsigned long long t0 = ac_now_ms();
    int w = await(ac_timeout(2000, fd = ac_open(path, O_WRONLY, 0)));
    CHECK_EQ(w, 0);
    CHECK_EQ(fd, -ENXIO); /* as open(2) with O_NONBLOCK: nobody reads */
    CHECK_INT(<, ac_now_ms() - t0, 1000);

    int rfd = await(ac_open(path, O_RDONLY, 0));
    CHECK_INT(>=, rfd, 0);
    CHECK_EQ(fcntl(rfd, F_GETFL) & O_NONBLOCK, 0); /* the flags asked for */
    int wfd = await(ac_open(path, O_WRONLY, 0)); /* a reader now: it opens */
    CHECK_INT(>=, wfd, 0);
    CHECK_EQ(fcntl(wfd, F_GETFL) & O_NONBLOCK, 0);
    CHECK_EQ(await(ac_write_all(wfd, "fifo", 4)), 4);
    char buf[8];
    CHECK_EQ(await(ac_read_exact(rfd, buf, 4)), 4);
    CHECK(memcmp(buf, "fifo", 4) == 0);
    await(ac_close(wfd));
    await(ac_close(rfd));

    /* ac_read_file of a FIFO nobody writes to: it waits, and its timeout ends it. */
    long n = 0;
    t0 = ac_now_ms();
    w = await(ac_timeout(100, n = ac_read_file(path, buf, sizeof buf)));
    CHECK_EQ(w, -ETIMEDOUT);
    CHECK_INT(<, ac_now_ms() - t0, 1000);

    /* A writer that opens it and writes later: the read waits for the bytes, and the worker
     * keeps running the other task meanwhile. */
    pthread_t writer;
    CHECK_EQ(pthread_create(&writer, NULL, late_writer, path), 0);
    usleep(20000); /* in its open */
    ac_task *tick = ac_spawn(ticker());
    await(ac_yield()); /* the ticker's first sleep starts */
    int before = atomic_load(&ticks);
    n = await(ac_read_file(path, buf, sizeof buf));
    CHECK_EQ(n, 4);
    CHECK(memcmp(buf, "late", 4) == 0);
    /* The writer waited 300 ms: dozens of ticks, or 0 or 1 with the worker blocked. */
    CHECK_INT(>=, atomic_load(&ticks) - before, 5);
    atomic_store(&stop_ticking, true);
    CHECK_EQ(await(ac_task_join(tick, NULL)), 0);
    CHECK_EQ(pthread_join(writer, NULL), 0);

    unlink(path);
    alarm(0);
    printf("fifo_open: ok (%s)\n", ac_runtime_backend());
    return 0;
}
