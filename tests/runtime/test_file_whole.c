/* tests/runtime/test_file_whole.c (async C): a read (ac_pread, ac_read, ac_readv) of a regular
 * file returns the whole count asked for unless it reaches the end of the file, as pread(2) and
 * io_uring do, also when only the first pages are in the page cache. The epoll backend's
 * preadv2(RWF_NOWAIT) stops at the first page not cached, and it returned that short count: a
 * copy loop that took `n < len` for the end of the file (on io_uring, always right) stopped
 * after 16 KiB of 64 (readahead had cached 16). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdbool.h>
#include <sys/uio.h>
#include <unistd.h>

#include "test.h"

#define FILE_SIZE (1 << 20)
#define LEN 65536

static char path[64];
static unsigned char buf[LEN];

/* Only the file's first page is in the page cache; false when this file system keeps every
 * page there (tmpfs): nothing here could be short. */
static bool first_page_cached_only(int fd)
{
    fdatasync(fd);
    posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    CHECK_EQ(pread(fd, buf, 4096, 0), 4096);
    struct iovec iov = {buf, LEN};
    return preadv2(fd, &iov, 1, 0, RWF_NOWAIT) < LEN;
}

/* Every page holds its number in its first byte. */
static void check_pages(long long off, long n)
{
    for (long k = 0; k < n; k += 4096)
        CHECK_EQ(buf[k], (unsigned char)((off + k) / 4096));
}

async int main(void)
{
    snprintf(path, sizeof path, "asyncc-file-whole-%d", (int)getpid());
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK_INT(>=, fd, 0);
    test_write_numbered_pages(fd, FILE_SIZE / 4096);
    bool can_be_short = first_page_cached_only(fd);
    /* At an offset. */
    CHECK_EQ(await(ac_pread(fd, buf, LEN, 0)), LEN);
    check_pages(0, LEN);
    /* At the file position, which moves by the whole count. */
    first_page_cached_only(fd);
    CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
    CHECK_EQ(await(ac_read(fd, buf, LEN)), LEN);
    check_pages(0, LEN);
    CHECK_EQ(lseek(fd, 0, SEEK_CUR), LEN);
    /* A readv at the file position. */
    first_page_cached_only(fd);
    CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
    struct iovec iov[2] = {{buf, LEN / 2}, {buf + LEN / 2, LEN / 2}};
    CHECK_EQ(await(ac_readv(fd, iov, 2)), LEN);
    check_pages(0, LEN);
    CHECK_EQ(lseek(fd, 0, SEEK_CUR), LEN);
    /* Across the end: what there is, from a cached and an uncached tail. */
    CHECK_EQ(await(ac_pread(fd, buf, LEN, FILE_SIZE - 8192)), 8192);
    check_pages(FILE_SIZE - 8192, 8192);
    posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    CHECK_EQ(pread(fd, buf, 4096, FILE_SIZE - 8192), 4096);
    CHECK_EQ(await(ac_pread(fd, buf, LEN, FILE_SIZE - 8192)), 8192);
    check_pages(FILE_SIZE - 8192, 8192);
    CHECK_EQ(lseek(fd, FILE_SIZE - 4096, SEEK_SET), FILE_SIZE - 4096);
    CHECK_EQ(await(ac_read(fd, buf, LEN)), 4096);
    CHECK_EQ(await(ac_read(fd, buf, LEN)), 0);
    close(fd);
    unlink(path);
    printf("file_whole: ok (%s)%s\n", ac_runtime_backend(),
           can_be_short ? "" : ": every page was cached (tmpfs?), nothing could be short");
    return 0;
}
