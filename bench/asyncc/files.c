/* bench/asyncc/files.c: read N files of 4 KiB concurrently, one task per file, each with
 * ac_read_file (open, read and close linked in one io_uring submission) into a buffer from
 * malloc, as Tokio's fs::read reads into a new Vec.  usage: files DIR [N=10000] */
#include <asyncc.h>

#include "common.h"

#define BUF_SIZE 8192 /* larger than the files: a short count means the whole file was read */

async long read_one(const char *dir, int i)
{
    char path[64];
    snprintf(path, sizeof path, "%s/f%d", dir, i);
    char *buf = malloc(BUF_SIZE);
    if (!buf)
        return -ENOMEM;
    long n = await(ac_read_file(path, buf, BUF_SIZE));
    free(buf);
    return n;
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
        tasks[i] = ac_spawn(read_one(dir, i));
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
