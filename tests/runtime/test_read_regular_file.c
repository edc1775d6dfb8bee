/* tests/runtime/test_read_regular_file.c (async C): ac_read_regular_file reads a regular file (also
 * through a symbolic link, and /proc's), refuses a directory with -EISDIR and a FIFO (with and
 * without a writer), a character device and a link to a FIFO with -EINVAL at once, without
 * reading them (ac_read_file of the same FIFO waits for data), on paths the worker reads itself
 * (cached) and on /proc/self/fd/N paths, whose lookup is never cached (io_uring: an ordinary
 * open through the ring, then fstat; epoll: the pool). ac_read_regular_file_stat gives the fstat
 * of what it read on each of those paths. No descriptor leaks. */
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test.h"

static void hung(int sig)
{
    (void)sig;
    static const char msg[] = "read_regular_file: a read is still waiting after 20 s\n";
    if (write(2, msg, sizeof msg - 1) < 0) {
    }
    abort();
}

static char dir[64];

static void path_of(char *out, size_t n, const char *name)
{
    snprintf(out, n, "%s/%s", dir, name);
}

/* ac_read_regular_file of path: its result, which must come within a second. */
static async long read_regular(const char *path, char *buf, size_t len)
{
    unsigned long long t0 = ac_now_ms();
    long n = await(ac_read_regular_file(path, buf, len));
    CHECK_INT(<, ac_now_ms() - t0, 1000);
    return n;
}

async int main(void)
{
    signal(SIGALRM, hung);
    alarm(20);
    snprintf(dir, sizeof dir, "/tmp/asyncc-regular-%d", (int)getpid());
    CHECK_EQ(mkdir(dir, 0700), 0);
    char file[96], fifo[96], link[96], fifo_link[96], sub[96];
    path_of(file, sizeof file, "file.txt");
    path_of(fifo, sizeof fifo, "fifo");
    path_of(link, sizeof link, "link");
    path_of(fifo_link, sizeof fifo_link, "fifo-link");
    path_of(sub, sizeof sub, "sub");
    int fd = open(file, O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
    CHECK_EQ(write(fd, "regular", 7), 7);
    close(fd);
    CHECK_EQ(mkfifo(fifo, 0600), 0);
    CHECK_EQ(symlink(file, link), 0);
    CHECK_EQ(symlink(fifo, fifo_link), 0);
    CHECK_EQ(mkdir(sub, 0700), 0);
    int fds0 = test_count_dir("/proc/self/fd");

    char buf[4096];
    CHECK_EQ(await(read_regular(file, buf, sizeof buf)), 7);
    CHECK(memcmp(buf, "regular", 7) == 0);
    CHECK_EQ(await(read_regular(file, buf, 3)), 3);
    CHECK_EQ(await(read_regular(link, buf, sizeof buf)), 7);
    CHECK_EQ(await(read_regular(sub, buf, sizeof buf)), -EISDIR);
    CHECK_EQ(await(read_regular(fifo, buf, sizeof buf)), -EINVAL);
    CHECK_EQ(await(read_regular(fifo_link, buf, sizeof buf)), -EINVAL);
    CHECK_EQ(await(read_regular("/dev/zero", buf, sizeof buf)), -EINVAL);
    CHECK_EQ(await(read_regular("/dev/null", buf, sizeof buf)), -EINVAL);
    path_of(buf, sizeof buf, "nothing");
    CHECK_EQ(await(read_regular(buf, buf, sizeof buf)), -ENOENT);
    /* ac_read_regular_file_stat: the fstat of the file it read, as stat(2) tells it; nothing
     * but the error for a directory or a FIFO. */
    struct stat st, want;
    memset(&st, 0, sizeof st);
    CHECK_EQ(stat(file, &want), 0);
    CHECK_EQ(await(ac_read_regular_file_stat(file, buf, sizeof buf, &st)), 7);
    CHECK_INT(==, st.st_size, 7);
    CHECK_INT(==, st.st_ino, want.st_ino);
    CHECK_INT(==, st.st_mtim.tv_sec, want.st_mtim.tv_sec);
    CHECK_INT(==, st.st_mtim.tv_nsec, want.st_mtim.tv_nsec);
    memset(&st, 0, sizeof st);
    CHECK_EQ(await(ac_read_regular_file_stat(link, buf, sizeof buf, &st)), 7);
    CHECK_INT(==, st.st_ino, want.st_ino);
    CHECK_EQ(await(ac_read_regular_file_stat(sub, buf, sizeof buf, &st)), -EISDIR);
    CHECK_EQ(await(ac_read_regular_file_stat(fifo, buf, sizeof buf, &st)), -EINVAL);

    long n = await(read_regular("/proc/self/status", buf, sizeof buf - 1));
    CHECK_INT(>, n, 0);
    buf[n] = 0;
    CHECK(strstr(buf, "VmRSS") != NULL);

    /* A writer holds the FIFO open with nothing written: still refused, unread. */
    int reader = open(fifo, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    int writer = open(fifo, O_WRONLY | O_CLOEXEC);
    CHECK_INT(>=, writer, 0);
    CHECK_EQ(await(read_regular(fifo, buf, sizeof buf)), -EINVAL);
    CHECK_EQ(write(writer, "x", 1), 1);
    CHECK_EQ(await(read_regular(fifo, buf, sizeof buf)), -EINVAL);
    CHECK_EQ(read(reader, buf, sizeof buf), 1); /* the byte is still there */

    /* Paths whose lookup is never cached: the slow path of each backend. */
    char proc_path[64];
    int regular_fd = open(file, O_RDONLY | O_CLOEXEC);
    snprintf(proc_path, sizeof proc_path, "/proc/self/fd/%d", regular_fd);
    CHECK_EQ(await(read_regular(proc_path, buf, sizeof buf)), 7);
    CHECK(memcmp(buf, "regular", 7) == 0);
    memset(&st, 0, sizeof st);
    CHECK_EQ(await(ac_read_regular_file_stat(proc_path, buf, sizeof buf, &st)), 7);
    CHECK_INT(==, st.st_ino, want.st_ino);
    CHECK_INT(==, st.st_mtim.tv_nsec, want.st_mtim.tv_nsec);
    snprintf(proc_path, sizeof proc_path, "/proc/self/fd/%d", reader);
    CHECK_EQ(await(read_regular(proc_path, buf, sizeof buf)), -EINVAL);
    int dir_fd = open(sub, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    snprintf(proc_path, sizeof proc_path, "/proc/self/fd/%d", dir_fd);
    CHECK_EQ(await(read_regular(proc_path, buf, sizeof buf)), -EISDIR);
    close(dir_fd);
    close(regular_fd);
    close(writer);

    /* ac_read_file, for comparison, reads the FIFO: it waits for data, ended by the timeout. */
    long got = 0;
    CHECK_EQ(await(ac_timeout(100, got = ac_read_file(fifo, buf, sizeof buf))), -ETIMEDOUT);
    close(reader);
    CHECK_EQ(test_count_dir("/proc/self/fd"), fds0);

    unlink(file);
    unlink(fifo);
    unlink(link);
    unlink(fifo_link);
    rmdir(sub);
    rmdir(dir);
    printf("read_regular_file: ok\n");
    return 0;
}
