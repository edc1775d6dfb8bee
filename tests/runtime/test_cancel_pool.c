/* tests/runtime/test_cancel_pool.c (async C): reads of a file whose pages are not cached (on
 * the epoll backend they run on the blocking pool, on io_uring in the kernel's workers), and
 * opens, stats and fsyncs, dropped by timeouts of 0-1 ms into buffers freed at once: nothing
 * writes into a freed buffer (ASan sees the pool's pread), no descriptor is left, and a read
 * that finished returns the file's bytes. */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stress.h"
#include "test.h"

#define FILE_SIZE (1 << 20)

static _Atomic long progress;
static char path[64];

static unsigned rnd(unsigned *s)
{
    *s = *s * 1103515245u + 12345u;
    return (*s >> 16) & 0x7fff;
}

static async void reader(int fd, unsigned seed, int rounds, long *finished)
{
    for (int i = 0; i < rounds; i++) {
        if (rnd(&seed) % 8 == 0)
            posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED); /* out of the page cache again */
        size_t len = 4096 * (1 + rnd(&seed) % 16);
        long long off = (long long)(rnd(&seed) % (FILE_SIZE / 4096 - 16)) * 4096;
        unsigned char *buf = malloc(len);
        long n = -1;
        int t = await(ac_timeout(rnd(&seed) % 2, n = ac_pread(fd, buf, len, off)));
        if (t == 0) {
            CHECK_EQ(n, (long)len);
            for (size_t k = 0; k < len; k += 4096)
                CHECK_EQ(buf[k], (unsigned char)((off + (long long)k) / 4096));
            (*finished)++;
        }
        free(buf); /* a read still in flight here would write into freed memory */
        atomic_fetch_add(&progress, 1);
    }
}

static async void opener(unsigned seed, int rounds)
{
    for (int i = 0; i < rounds; i++) {
        int fd = -1, r = -1;
        struct stat *st = malloc(sizeof *st);
        switch (rnd(&seed) % 3) {
        case 0:
            if (await(ac_timeout(rnd(&seed) % 2, fd = ac_open(path, O_RDONLY, 0))) == 0 && fd >= 0)
                CHECK_EQ(await(ac_close(fd)), 0);
            break;
        case 1:
            if (await(ac_timeout(rnd(&seed) % 2, r = ac_stat(path, st))) == 0)
                CHECK_EQ(st->st_size, FILE_SIZE);
            break;
        default:
            fd = open(path, O_RDWR);
            await(ac_timeout(rnd(&seed) % 2, r = ac_fsync(fd)));
            close(fd);
            break;
        }
        free(st);
        atomic_fetch_add(&progress, 1);
    }
}

async int main(void)
{
    snprintf(path, sizeof path, "/tmp/asyncc-cancel-pool-%d", (int)getpid());
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK_INT(>=, fd, 0);
    test_write_numbered_pages(fd, FILE_SIZE / 4096);
    fsync(fd);
    int fds = test_count_dir("/proc/self/fd");
    stress_watchdog_progress(&progress, 30);
    enum { READERS = 8, OPENERS = 4 };
    int rounds = STRESS_N(400, 4);
    long finished[READERS] = {0};
    ac_task *t[READERS + OPENERS];
    for (int i = 0; i < READERS; i++)
        t[i] = ac_spawn(reader(fd, 100u + (unsigned)i, rounds, &finished[i]));
    for (int i = 0; i < OPENERS; i++)
        t[READERS + i] = ac_spawn(opener(200u + (unsigned)i, rounds));
    for (int i = 0; i < READERS + OPENERS; i++)
        CHECK_EQ(await(ac_task_join(t[i], NULL)), 0);
    stress_watchdog_done();
    CHECK_EQ(test_count_dir("/proc/self/fd"), fds);
    long total = 0;
    for (int i = 0; i < READERS; i++)
        total += finished[i];
    close(fd);
    unlink(path);
    printf("cancel_pool: ok (%s), %ld of %d reads finished\n", ac_runtime_backend(), total,
           READERS * rounds);
    return 0;
}
