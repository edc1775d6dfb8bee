/* tests/runtime/test_fifo_open.c (async C): opening a FIFO never waits for its other end, on
 * either backend (the epoll backend's pool opened it blocking, so an ac_open under a timeout
 * hung the task and its worker for good): a write-only ac_open without a reader fails at once
 * with -ENXIO, a read-only one succeeds at once with a blocking descriptor that then reads what
 * a writer sends, and ac_read_file of a FIFO under a timeout returns. */
#include <fcntl.h>
#include <signal.h>
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

    /* ac_read_file of a FIFO nobody writes to: it returns (nothing, or the timeout). */
    long n = 0;
    t0 = ac_now_ms();
    w = await(ac_timeout(100, n = ac_read_file(path, buf, sizeof buf)));
    CHECK(w == -ETIMEDOUT || n == 0);
    CHECK_INT(<, ac_now_ms() - t0, 1000);

    unlink(path);
    alarm(0);
    printf("fifo_open: ok (%s)\n", ac_runtime_backend());
    return 0;
}
