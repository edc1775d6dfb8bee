/* tests/runtime/test_sendfile_calls.c (async C): the system calls ac_sendfile's direct way (a
 * cached file to a socket) costs. Linked with -Wl,--wrap for fstat, fcntl, sendfile and pipe2,
 * which count the calls the library makes: the socket's fstat once per call and the file's never
 * when the call asks for what the file holds; for a blocking socket one fcntl to read its flags
 * and two to make it non-blocking and back per poll, not per sendfile(2) of 4 MiB. A call whose
 * pages were evicted meanwhile (memory pressure, DAMON) goes on through a pipe, looks at the
 * file's size and makes more fcntl calls: such a round (pipe2 called) is repeated. */
#include <fcntl.h>
#include <stdarg.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test.h"

#define FILE_SIZE (12u << 20) /* three chunks of the direct way */

static atomic_int counting;
static atomic_long fstats, fcntls, sendfiles, sendfile_waits, pipes;

int __real_fstat(int fd, struct stat *st);
int __real_fcntl(int fd, int cmd, ...);
ssize_t __real_sendfile(int out, int in, off_t *off, size_t count);
int __real_pipe2(int fds[2], int flags);
int __wrap_pipe2(int fds[2], int flags);
int __wrap_fstat(int fd, struct stat *st);
int __wrap_fcntl(int fd, int cmd, ...);
ssize_t __wrap_sendfile(int out, int in, off_t *off, size_t count);

int __wrap_fstat(int fd, struct stat *st)
{
    if (atomic_load(&counting))
        atomic_fetch_add(&fstats, 1);
    return __real_fstat(fd, st);
}

/* F_GETFL and F_SETFL, the only commands the direct way uses, take no argument or an int. */
int __wrap_fcntl(int fd, int cmd, ...)
{
    va_list ap;
    va_start(ap, cmd);
    long arg = va_arg(ap, long);
    va_end(ap);
    if (atomic_load(&counting))
        atomic_fetch_add(&fcntls, 1);
    return __real_fcntl(fd, cmd, arg);
}

ssize_t __wrap_sendfile(int out, int in, off_t *off, size_t count)
{
    ssize_t n = __real_sendfile(out, in, off, count);
    int err = errno;
    if (atomic_load(&counting)) {
        atomic_fetch_add(&sendfiles, 1);
        if (n < 0 && err == EAGAIN)
            atomic_fetch_add(&sendfile_waits, 1);
    }
    errno = err;
    return n;
}

int __wrap_pipe2(int fds[2], int flags)
{
    if (atomic_load(&counting))
        atomic_fetch_add(&pipes, 1);
    return __real_pipe2(fds, flags);
}

static unsigned char pattern(size_t i)
{
    return (unsigned char)(i * 7 + i / 4096);
}

/* Reads len bytes and checks them against the pattern. */
static async long reader(int fd, size_t len)
{
    static unsigned char buf[1 << 16];
    size_t got = 0;
    while (got < len) {
        long n = await(ac_read(fd, buf, sizeof buf));
        if (n <= 0)
            return n < 0 ? n : (long)got;
        for (long i = 0; i < n; i++)
            if (buf[i] != pattern(got + (size_t)i))
                return -EILSEQ;
        got += (size_t)n;
    }
    return (long)got;
}

/* Sends count bytes of file from its start to the socket while a task drains FILE_SIZE bytes
 * of it, counting the calls; repeated while a round went through a pipe (its pages read back
 * into the page cache first), for up to TEST_RETRY_SECONDS. Returns the call's result. */
static async long counted_sendfile(int sock, int reader_fd, int file, size_t count)
{
    static unsigned char buf[1 << 16];
    double deadline = test_now_ms() + TEST_RETRY_SECONDS * 1e3;
    for (;;) {
        for (off_t off = 0; off < (off_t)FILE_SIZE; off += (off_t)sizeof buf)
            CHECK_EQ(pread(file, buf, sizeof buf, off), (ssize_t)sizeof buf);
        ac_task *rt = ac_spawn(reader(reader_fd, FILE_SIZE));
        atomic_store(&fstats, 0);
        atomic_store(&fcntls, 0);
        atomic_store(&sendfiles, 0);
        atomic_store(&sendfile_waits, 0);
        atomic_store(&pipes, 0);
        atomic_store(&counting, 1);
        long n = await(ac_sendfile(sock, file, 0, count));
        atomic_store(&counting, 0);
        long got = -1;
        await(ac_task_join(rt, &got));
        CHECK_EQ(got, FILE_SIZE);
        fprintf(stderr, "sendfile(2) %ld (EAGAIN %ld), fstat %ld, fcntl %ld, pipe2 %ld\n",
                atomic_load(&sendfiles), atomic_load(&sendfile_waits), atomic_load(&fstats),
                atomic_load(&fcntls), atomic_load(&pipes));
        if (!atomic_load(&pipes) || atomic_load(&sendfiles) == 0 || test_now_ms() > deadline)
            return n;
    }
}

async int main(void)
{
    int sv[2];
    CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
    char path[64];
    snprintf(path, sizeof path, "/tmp/asyncc-sendfile-calls-%d", (int)getpid());
    int file = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    CHECK_INT(>=, file, 0);
    unlink(path);
    unsigned char *data = malloc(FILE_SIZE);
    CHECK(data != NULL);
    for (size_t i = 0; i < FILE_SIZE; i++)
        data[i] = pattern(i);
    CHECK_EQ(await(ac_write_all(file, data, FILE_SIZE)), FILE_SIZE); /* its pages are cached */
    free(data);

    /* The whole file to a blocking socket that a task drains meanwhile. */
    long n = await(counted_sendfile(sv[0], sv[1], file, FILE_SIZE));
    CHECK_EQ(n, FILE_SIZE);
    if (atomic_load(&sendfiles) == 0) {
        printf("sendfile_calls: skipped (no cachestat(2): every sendfile goes through a pipe)\n");
        return TEST_SKIP;
    }
    CHECK_EQ(atomic_load(&pipes), 0); /* not evicted again and again for 20 s */
    long polls = atomic_load(&sendfile_waits) + 1; /* each poll but the last ends in EAGAIN */
    CHECK_INT(>=, atomic_load(&sendfiles) - atomic_load(&sendfile_waits), 3);
    CHECK_EQ(atomic_load(&fstats), 1);
    CHECK_EQ(atomic_load(&fcntls), 3 * polls);
    CHECK_EQ(fcntl(sv[0], F_GETFL) & O_NONBLOCK, 0); /* blocking again */

    /* Past the end of the file: its size is looked at, and the call sends what there is. */
    n = await(counted_sendfile(sv[0], sv[1], file, 2 * (size_t)FILE_SIZE));
    CHECK_EQ(n, FILE_SIZE);
    CHECK_INT(>=, atomic_load(&fstats), 2);

    /* A non-blocking socket stays so, with one fcntl per poll. */
    int flags = fcntl(sv[0], F_GETFL);
    CHECK_EQ(fcntl(sv[0], F_SETFL, flags | O_NONBLOCK), 0);
    n = await(counted_sendfile(sv[0], sv[1], file, FILE_SIZE));
    CHECK_EQ(n, FILE_SIZE);
    CHECK_EQ(atomic_load(&pipes), 0);
    CHECK_EQ(atomic_load(&fcntls), atomic_load(&sendfile_waits) + 1);
    CHECK(fcntl(sv[0], F_GETFL) & O_NONBLOCK);

    close(sv[0]);
    close(sv[1]);
    close(file);
    printf("sendfile_calls: ok\n");
    return 0;
}
