/* tests/runtime/test_slow_poll.c: with ASYNCC_SLOW_POLL_MS set, a poll that runs longer without
 * yielding is reported on stderr with the task's name and the await it stopped at; a task that
 * only waits is never reported (the watchdog named the last task a worker had polled as still
 * running while that worker waited for I/O). */
#include <time.h>
#include <unistd.h>

#include "test.h"

typedef struct {
    unsigned state;
    int result;
    _Alignas(16) unsigned char sleep[128];
} hog_frame;

/* How long the hog's first poll blocks its worker (what the report is for); 0: a task that
 * only waits, for wait_ms. */
static long block_ms, wait_ms;

static int hog_poll(void *frame, ac_cx *cx)
{
    hog_frame *f = frame;
    if (f->state == 0) {
        struct timespec ts = {0, block_ms * 1000000};
        nanosleep(&ts, NULL);
        /* Long enough that it cannot have passed by the time the timer starts (with 1 ms,
         * valgrind on a loaded machine found it due already: the poll finished, no await site). */
        ac__init_ac_sleep_ms(f->sleep, (unsigned long)wait_ms);
        f->state = 1;
    }
    if (ac__type_ac_sleep_ms.poll(f->sleep, cx) == AC_PENDING)
        return AC_PENDING;
    f->result = 0;
    f->state = AC_STATE_DONE;
    return AC_READY;
}
static void *hog_child(void *frame, const ac_future_type **type)
{
    hog_frame *f = frame;
    *type = f->state == 1 ? &ac__type_ac_sleep_ms : NULL;
    return f->state == 1 ? f->sleep : NULL;
}
static const ac_await_site hog_sites[] = {{"busy.c", 5, "ac_sleep_ms"}};
static const ac_future_type hog_type = {
    .name = "hog", .frame_size = sizeof(hog_frame), .frame_align = _Alignof(hog_frame),
    .result_offset = offsetof(hog_frame, result), .result_size = sizeof(int), .poll = hog_poll,
    .drop = test_no_drop, .child = hog_child, .sites = hog_sites, .nsites = 1};

/* Runs the hog, blocking ms in its first poll and then waiting wait, with
 * ASYNCC_SLOW_POLL_MS=value; returns what the runtime wrote on stderr. */
static char *run_hog(long ms, long wait, const char *value)
{
    block_ms = ms;
    wait_ms = wait;
    setenv("ASYNCC_SLOW_POLL_MS", value, 1);
    char path[64];
    snprintf(path, sizeof path, "/tmp/asyncc-slow-%d", (int)getpid());
    FILE *err = fopen(path, "w+");
    CHECK(err != NULL);
    int saved = dup(2);
    dup2(fileno(err), 2);
    void *fr;
    int r = -1;
    ac__block_on(ac__task_new(&hog_type, &fr), &r);
    ac_runtime_shutdown();
    dup2(saved, 2);
    close(saved);
    CHECK_EQ(r, 0);
    static char buf[4096];
    rewind(err);
    size_t n = fread(buf, 1, sizeof buf - 1, err);
    buf[n] = '\0';
    fclose(err);
    unlink(path);
    fputs(buf, stderr);
    return buf;
}

int main(void)
{
    /* A value that is not a number is said to be ignored, not taken for 0 (off) in silence. */
    char *buf = run_hog(60, 300, "30ms");
    CHECK(strstr(buf, "asyncc: ignoring ASYNCC_SLOW_POLL_MS=30ms") != NULL);
    CHECK(strstr(buf, "slow poll") == NULL);
    /* Its 600 ms wait is no poll. (A threshold of 200 ms: the poll itself, which only starts
     * the wait, ran 37 ms on a loaded machine.) */
    buf = run_hog(0, 600, "200");
    CHECK(strstr(buf, "hog") == NULL);
    buf = run_hog(60, 300, "30");
    CHECK(strstr(buf, "asyncc: slow poll: task") != NULL);
    CHECK(strstr(buf, "hog ran") != NULL);
    CHECK(strstr(buf, "hog busy.c:5 (awaiting ac_sleep_ms)") != NULL);
    return 0;
}
