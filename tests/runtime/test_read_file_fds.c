/* tests/runtime/test_read_file_fds.c (async C): ac_read_regular_file's descriptors (opened by the
 * ring, checked with fstat on the worker) beside descriptors that other threads open and close at
 * the same moments (directory listings on the blocking pool, opens dropped by timeouts): every
 * call answers right. Under ThreadSanitizer the descriptor used to be closed by the ring, which
 * TSan cannot see: it took the number's next life, a pool thread's opendir, for the same
 * descriptor and reported the worker's fstat and the pool's closedir as a data race. */
#include <fcntl.h>
#include <sys/stat.h>

#include "test.h"

enum { FILES = 8, ROUNDS = 400 };

static char dir[64];

static void path_of(char *out, size_t len, int i)
{
    snprintf(out, len, "%s/f%d", dir, i);
}

static async long read_one(int i)
{
    char path[96], buf[256];
    path_of(path, sizeof path, i);
    long n = await(ac_read_regular_file(path, buf, sizeof buf));
    CHECK_EQ(n, 100);
    return n;
}

static async long list(void)
{
    ac_dir_entry *entries = NULL;
    long n = await(ac_read_dir(dir, &entries));
    CHECK_EQ(n, FILES);
    free(entries);
    return n;
}

static async int open_dropped(int i)
{
    char path[96];
    path_of(path, sizeof path, i);
    int fd = -1;
    if (await(ac_timeout(0, fd = ac_open(path, O_RDONLY, 0))) == 0 && fd >= 0)
        close(fd);
    return 0;
}

async int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/asyncc-read-file-fds-%d", (int)getpid());
    CHECK_EQ(mkdir(dir, 0700), 0);
    char data[100];
    memset(data, 'r', sizeof data);
    for (int i = 0; i < FILES; i++) {
        char path[96];
        path_of(path, sizeof path, i);
        CHECK_EQ(await(ac_fs_write(path, data, sizeof data)), (long)sizeof data);
    }
    for (int r = 0; r < ROUNDS; r++) {
        long a = 0, b = 0, c = 0, d = 0;
        int e = 0;
        await(ac_join(a = read_one(r % FILES), b = list(), c = read_one((r + 3) % FILES), d = list(),
                      e = open_dropped(r % FILES)));
    }
    for (int i = 0; i < FILES; i++) {
        char path[96];
        path_of(path, sizeof path, i);
        CHECK_EQ(unlink(path), 0);
    }
    CHECK_EQ(rmdir(dir), 0);
    printf("read_file_fds: ok (%s)\n", ac_runtime_backend());
    return 0;
}
