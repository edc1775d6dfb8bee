/* bench/c/files_sync.c: the files workload as plain sequential C (open, read, close), for scale.
 * usage: files_sync DIR [N=10000] */
#include <fcntl.h>
#include <unistd.h>

#include "common.h"

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    int n = argc > 2 ? atoi(argv[2]) : 10000;
    static char buf[65536];
    char path[4096];
    long bytes = 0;
    uint64_t t0 = bench_now_ns();
    for (int i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/f%d", argv[1], i);
        int fd = open(path, O_RDONLY);
        if (fd < 0) {
            perror(path);
            return 1;
        }
        ssize_t r;
        while ((r = read(fd, buf, sizeof buf)) > 0)
            bytes += r;
        close(fd);
    }
    uint64_t dt = bench_now_ns() - t0;
    printf("RESULT files_per_s=%.0f bytes=%ld n=%d\n", n / ((double)dt / 1e9), bytes, n);
    return 0;
}
