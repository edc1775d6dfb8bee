/* bench/c/files_uring.c: the files workload with one thread and one ring: each file is an
 * openat, a read of 4 KiB into its own buffer and a close, linked in one chain (the close uses
 * the descriptor through a fixed-file slot), DEPTH files in flight.
 * usage: files_uring DIR [N=10000] [DEPTH=128] */
#include <fcntl.h>
#include <liburing.h>
#include <unistd.h>

#include "common.h"

#define CLOSE 16 /* user_data: 0 open, 1 read, CLOSE + slot for the close */

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    int n = argc > 2 ? atoi(argv[2]) : 10000;
    int depth = argc > 3 ? atoi(argv[3]) : 128;
    struct io_uring ring;
    int rc = io_uring_queue_init(4 * depth, &ring, 0);
    if (rc < 0) {
        fprintf(stderr, "files_uring: io_uring_queue_init: %s\n", strerror(-rc));
        return 1;
    }
    /* A sparse fixed-file table: file i uses slot i % depth, free again once its chain ends. */
    rc = io_uring_register_files_sparse(&ring, (unsigned)depth);
    if (rc < 0) {
        fprintf(stderr, "files_uring: register_files_sparse: %s\n", strerror(-rc));
        return 1;
    }
    char (*bufs)[4096] = aligned_alloc(4096, (size_t)depth * 4096);
    int *slot_file = calloc(depth, sizeof *slot_file);
    char path[4096];
    long bytes = 0;
    int next = 0, finished = 0, errors = 0;
    uint64_t t0 = bench_now_ns();
    while (finished < n) {
        /* Fill every free slot (chains finish in any order). */
        for (int s = 0; s < depth && next < n; s++) {
            if (slot_file[s])
                continue;
            snprintf(path, sizeof path, "%s/f%d", argv[1], next);
            struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);
            io_uring_prep_openat_direct(sqe, AT_FDCWD, path, O_RDONLY, 0, (unsigned)s);
            sqe->flags |= IOSQE_IO_LINK;
            io_uring_sqe_set_data64(sqe, 0);
            sqe = io_uring_get_sqe(&ring);
            io_uring_prep_read(sqe, s, bufs[s], 4096, 0);
            sqe->flags |= IOSQE_FIXED_FILE | IOSQE_IO_LINK;
            io_uring_sqe_set_data64(sqe, 1);
            sqe = io_uring_get_sqe(&ring);
            io_uring_prep_close_direct(sqe, (unsigned)s);
            io_uring_sqe_set_data64(sqe, CLOSE + (uint64_t)s);
            slot_file[s] = next + 1;
            next++;
        }
        struct io_uring_cqe *cqe;
        io_uring_submit_and_wait(&ring, 1);
        unsigned head, seen = 0;
        io_uring_for_each_cqe(&ring, head, cqe)
        {
            seen++;
            uint64_t d = cqe->user_data;
            if (d == 1 && cqe->res > 0)
                bytes += cqe->res;
            else if (cqe->res < 0)
                errors++;
            if (d >= CLOSE) { /* the close ends the chain, also when an earlier link failed */
                slot_file[d - CLOSE] = 0;
                finished++;
            }
        }
        io_uring_cq_advance(&ring, seen);
    }
    uint64_t dt = bench_now_ns() - t0;
    printf("RESULT files_per_s=%.0f bytes=%ld errors=%d n=%d\n", n / ((double)dt / 1e9), bytes, errors, n);
    io_uring_queue_exit(&ring);
    return 0;
}
