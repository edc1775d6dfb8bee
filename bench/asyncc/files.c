/* bench/asyncc/files.c: read N files of 4 KiB concurrently, one task per file: open, read to
 * end of file, close, all through the runtime's io_uring calls.  usage: files DIR [N=10000] */
#include <asyncc.h>
#include <fcntl.h>

#include "common.h"

async long read_file(const char *dir, int i)
{
    char path[256];
    char buf[4096];
    snprintf(path, sizeof path, "%s/f%d", dir, i);
    int fd = await(ac_open(path, O_RDONLY, 0));
    if (fd < 0)
        return fd;
    long total = 0;
    for (;;) {
        long n = await(ac_read(fd, buf, sizeof buf));
        if (n <= 0) {
            if (n < 0)
                total = n;
            break;
        }
        total += n;
    }
    await(ac_close(fd));
    return total;
}

async int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    const char *dir = argv[1];
    int n = argc > 2 ? atoi(argv[2]) : 10000;
    ac_task **tasks = malloc((size_t)n * sizeof *tasks);
    uint64_t t0 = bench_now_ns();
    for (int i = 0; i < n; i++)
        tasks[i] = ac_spawn(read_file(dir, i));
    long bytes = 0, errors = 0;
    for (int i = 0; i < n; i++) {
        long r;
        await(ac_task_join(tasks[i], &r));
        if (r < 0)
            errors++;
        else
            bytes += r;
    }
    uint64_t dt = bench_now_ns() - t0;
    printf("RESULT files_per_s=%.0f bytes=%ld errors=%ld n=%d\n", n / ((double)dt / 1e9), bytes, errors, n);
    free(tasks);
    return 0;
}
