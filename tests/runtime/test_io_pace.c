/* tests/runtime/test_io_pace.c: a worker whose queue stays full of tasks not yet started still
 * finishes the ones its I/O completed at the pace it starts new ones. N tasks, spawned at
 * once, each read a cached file; the most of them between their start and their end at any
 * time must stay far below N. Before, a reap dispatched at most 16 completions per 61 polls
 * while the queue was over half full, so about 45 more tasks started than finished per
 * interval: thousands were in flight at once, each holding what it had allocated (the files
 * bench: 333k -> 63k files/s, 37 MB of heap grown a page at a time). Current-thread runtime:
 * one worker, so the count is the scheduler's, not the load's. */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "test.h"

#define N 6000

static char path[] = "/tmp/asyncc-io-pace-XXXXXX";
static int in_flight, most, finished;

static async void read_one(void)
{
    char buf[64];
    in_flight++;
    if (in_flight > most)
        most = in_flight;
    long n = await(ac_read_file(path, buf, sizeof buf));
    CHECK_EQ(n, 5);
    in_flight--;
    finished++;
}

static async int root(void)
{
    static ac_task *tasks[N];
    for (int i = 0; i < N; i++)
        tasks[i] = ac_spawn(read_one());
    for (int i = 0; i < N; i++)
        await(ac_task_join(tasks[i], NULL));
    CHECK_EQ(finished, N);
    printf("io_pace: %d tasks reading a file, at most %d in flight at once\n", N, most);
    /* A local queue (256) and a reap's worth of tasks, not the thousands of before. */
    CHECK_INT(<, most, 1000);
    return 0;
}

int main(void)
{
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    CHECK_EQ(write(fd, "hello", 5), 5);
    close(fd);
    test_current_thread();
    int rc = ac_block_on(root());
    ac_runtime_shutdown();
    unlink(path);
    CHECK_EQ(rc, 0);
    return 0;
}
