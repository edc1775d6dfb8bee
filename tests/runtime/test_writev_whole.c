/* tests/runtime/test_writev_whole.c (async C): ac_writev of a regular file writes the whole
 * vector, as writev(2) and io_uring do, also when the epoll backend's pwritev2(RWF_NOWAIT) stops
 * part way (wrapped here: it writes 5000 bytes and returns that, as the kernel may when a page
 * is not in the page cache) or would block (-EAGAIN: the pool writes it all). It returned the
 * short count before, where io_uring wrote it whole. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/uio.h>
#include <unistd.h>

#include "test.h"

ssize_t __real_pwritev2(int fd, const struct iovec *iov, int cnt, off_t off, int flags);
ssize_t __wrap_pwritev2(int fd, const struct iovec *iov, int cnt, off_t off, int flags);

enum { AS_IS, SHORT, WOULD_BLOCK };
static _Atomic int mode;
static _Atomic int cut; /* calls that the wrap cut short or refused */

ssize_t __wrap_pwritev2(int fd, const struct iovec *iov, int cnt, off_t off, int flags)
{
    if (!(flags & RWF_NOWAIT) || atomic_load(&mode) == AS_IS)
        return __real_pwritev2(fd, iov, cnt, off, flags);
    atomic_fetch_add(&cut, 1);
    if (atomic_load(&mode) == WOULD_BLOCK) {
        errno = EAGAIN;
        return -1;
    }
    struct iovec first[2] = {iov[0], cnt > 1 ? iov[1] : iov[0]};
    size_t want = 5000;
    int n = 0;
    for (; n < 2 && n < cnt && want; n++) {
        if (first[n].iov_len > want)
            first[n].iov_len = want;
        want -= first[n].iov_len;
    }
    /* Written by a plain call: some file systems refuse RWF_NOWAIT for writes (-EOPNOTSUPP). */
    return off < 0 ? writev(fd, first, n) : pwritev(fd, first, n, off);
}

#define PIECES 3
static const size_t sizes[PIECES] = {3000, 40000, 22536}; /* 65536 in all */
static unsigned char data[PIECES][40000], back[65536];

static async void write_and_check(int fd, int how)
{
    atomic_store(&mode, how);
    struct iovec iov[PIECES];
    for (int i = 0; i < PIECES; i++)
        iov[i] = (struct iovec){data[i], sizes[i]};
    CHECK_EQ(ftruncate(fd, 0), 0);
    CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
    CHECK_EQ(await(ac_writev(fd, iov, PIECES)), 65536);
    CHECK_EQ(await(ac_writev(fd, iov, 1)), 3000); /* after it, at the file position */
    atomic_store(&mode, AS_IS);
    CHECK_EQ(lseek(fd, 0, SEEK_CUR), 65536 + 3000);
    CHECK_EQ(pread(fd, back, sizeof back, 0), 65536);
    size_t at = 0;
    for (int i = 0; i < PIECES; i++) {
        CHECK_EQ(memcmp(back + at, data[i], sizes[i]), 0);
        at += sizes[i];
    }
    CHECK_EQ(pread(fd, back, 3000, 65536), 3000);
    CHECK_EQ(memcmp(back, data[0], 3000), 0);
}

async int main(void)
{
    for (int i = 0; i < PIECES; i++)
        for (size_t k = 0; k < sizeof data[i]; k++)
            data[i][k] = (unsigned char)(i * 77 + k * 13);
    char path[64];
    snprintf(path, sizeof path, "asyncc-writev-whole-%d", (int)getpid());
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK_INT(>=, fd, 0);
    unlink(path);
    await(write_and_check(fd, AS_IS));
    await(write_and_check(fd, SHORT));
    await(write_and_check(fd, WOULD_BLOCK));
    close(fd);
    const char *backend = ac_runtime_backend();
    if (!strcmp(backend, "epoll"))
        CHECK_INT(>=, atomic_load(&cut), 4); /* the wrap was in the way */
    printf("writev_whole: ok (%s), %d calls cut\n", backend, (int)atomic_load(&cut));
    return 0;
}
