/* tests/runtime/test_open.c (async C): ac_open's flags and results on either backend: regular
 * files (O_NONBLOCK only when asked, O_APPEND kept), directories, O_PATH, lookup errors, O_CREAT
 * and O_TRUNC, flags openat2 refuses, and a FIFO (whose open waits for no writer); ac_stat
 * of a file, a directory, a symbolic link (followed), a FIFO and lookup errors. On epoll, cached
 * paths of regular files and directories open, and any cached path is stat'ed, on the worker: no
 * pool thread starts. */
#define _GNU_SOURCE /* O_PATH */
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test.h"

static char dir[64], file[96], fifo[96];

/* RESOLVE_CACHED fails when the dentry cache changes under a lookup (a rename anywhere on the
 * machine, as tests run beside this one do), and that open goes to the pool: the kernel's choice,
 * not the backend's. A run that saw it starts over in a fresh process, five runs at the most. */
static void start_over(int threads, int now)
{
    const char *tries = getenv("AC_TEST_OPEN_RUN");
    int run = tries ? atoi(tries) : 1;
    fprintf(stderr, "run %d: %d threads after the cached lookups, %d before\n", run, now, threads);
    CHECK_INT(<, run, 5);
    unlink(fifo);
    unlink(file);
    rmdir(dir);
    char v[16];
    snprintf(v, sizeof v, "%d", run + 1);
    setenv("AC_TEST_OPEN_RUN", v, 1);
    execl("/proc/self/exe", "/proc/self/exe", (char *)0);
    CHECK(0);
}

static atomic_int fifo_opened;

static async int open_fifo(void)
{
    int fd = await(ac_open(fifo, O_RDONLY, 0));
    atomic_store(&fifo_opened, 1);
    return fd;
}

async int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/asyncc-open-%d", (int)getpid());
    snprintf(file, sizeof file, "%s/file", dir);
    snprintf(fifo, sizeof fifo, "%s/fifo", dir);
    CHECK_EQ(mkdir(dir, 0700), 0);
    int w = open(file, O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
    CHECK_EQ(write(w, "hello", 5), 5);
    close(w);
    CHECK_EQ(mkfifo(fifo, 0600), 0);
    struct stat st;
    CHECK_EQ(stat(file, &st), 0); /* the lookups are in the dentry cache now */
    int epoll = strcmp(ac_runtime_backend(), "epoll") == 0;
    int threads = test_count_dir("/proc/self/task");

    /* A regular file: blocking unless asked, as open(2) makes it. */
    int fd = await(ac_open(file, O_RDONLY, 0));
    CHECK_INT(>=, fd, 0);
    CHECK_EQ(fcntl(fd, F_GETFL) & (O_NONBLOCK | O_ACCMODE), O_RDONLY);
    CHECK(fcntl(fd, F_GETFD) & FD_CLOEXEC);
    char buf[16];
    CHECK_EQ(read(fd, buf, sizeof buf), 5);
    close(fd);
    fd = await(ac_open(file, O_RDONLY | O_NONBLOCK, 0));
    CHECK_INT(>=, fd, 0);
    CHECK(fcntl(fd, F_GETFL) & O_NONBLOCK);
    close(fd);
    fd = await(ac_open(file, O_WRONLY | O_APPEND, 0));
    CHECK_INT(>=, fd, 0);
    CHECK_EQ(fcntl(fd, F_GETFL) & (O_NONBLOCK | O_APPEND | O_ACCMODE), O_APPEND | O_WRONLY);
    CHECK_EQ(write(fd, " world", 6), 6);
    close(fd);
    CHECK_EQ(stat(file, &st), 0);
    CHECK_EQ(st.st_size, 11);
    /* A directory, and a path only. */
    fd = await(ac_open(dir, O_RDONLY | O_DIRECTORY, 0));
    CHECK_INT(>=, fd, 0);
    CHECK(fstat(fd, &st) == 0 && S_ISDIR(st.st_mode));
    close(fd);
    fd = await(ac_open(file, O_PATH, 0));
    CHECK_INT(>=, fd, 0);
    CHECK(fcntl(fd, F_GETFL) & O_PATH);
    close(fd);
    /* ac_stat: what stat(2) says, through a symbolic link too; a FIFO's does not wait. */
    char link[128];
    snprintf(link, sizeof link, "%s/link", dir);
    CHECK_EQ(symlink(file, link), 0);
    struct stat want, got;
    CHECK_EQ(stat(file, &want), 0);
    CHECK_EQ(await(ac_stat(link, &got)), 0);
    CHECK(got.st_ino == want.st_ino && got.st_dev == want.st_dev && got.st_size == 11 &&
          S_ISREG(got.st_mode) && got.st_mtim.tv_nsec == want.st_mtim.tv_nsec);
    CHECK_EQ(await(ac_stat(dir, &got)), 0);
    CHECK(S_ISDIR(got.st_mode));
    CHECK_EQ(await(ac_stat(fifo, &got)), 0);
    CHECK(S_ISFIFO(got.st_mode));
    CHECK_EQ(unlink(link), 0);
    if (epoll && test_count_dir("/proc/self/task") != threads) /* every one of them on the worker */
        start_over(threads, test_count_dir("/proc/self/task"));
    snprintf(link, sizeof link, "%s/missing", dir);
    CHECK_EQ(await(ac_stat(link, &got)), -ENOENT);
    snprintf(link, sizeof link, "%s/x", file);
    CHECK_EQ(await(ac_stat(link, &got)), -ENOTDIR);

    /* Errors of the lookup and of the open. */
    char path[128];
    snprintf(path, sizeof path, "%s/missing", dir);
    CHECK_EQ(await(ac_open(path, O_RDONLY, 0)), -ENOENT);
    snprintf(path, sizeof path, "%s/x", file);
    CHECK_EQ(await(ac_open(path, O_RDONLY, 0)), -ENOTDIR);
    CHECK_EQ(await(ac_open(dir, O_WRONLY, 0)), -EISDIR);
    CHECK_EQ(await(ac_open(file, O_RDONLY | O_DIRECTORY, 0)), -ENOTDIR);

    /* Creating and truncating: the pool's on epoll. */
    snprintf(path, sizeof path, "%s/new", dir);
    fd = await(ac_open(path, O_RDWR | O_CREAT | O_EXCL, 0640));
    CHECK_INT(>=, fd, 0);
    CHECK(fstat(fd, &st) == 0 && (st.st_mode & 0777) == 0640);
    close(fd);
    CHECK_EQ(await(ac_open(path, O_RDWR | O_CREAT | O_EXCL, 0640)), -EEXIST);
    fd = await(ac_open(file, O_WRONLY | O_TRUNC, 0));
    CHECK_INT(>=, fd, 0);
    close(fd);
    CHECK(stat(file, &st) == 0 && st.st_size == 0);
    CHECK_EQ(unlink(path), 0);
    /* openat ignores flags beside O_PATH that openat2 refuses: the call still opens. */
    fd = await(ac_open(file, O_PATH | O_APPEND, 0));
    CHECK_INT(>=, fd, 0);
    close(fd);

    /* A FIFO's reader does not wait in its open for a writer, on either backend (io.h: the
     * open is tried with O_NONBLOCK first); its reads block. */
    atomic_store(&fifo_opened, 0);
    ac_task *t = ac_spawn(open_fifo());
    await(ac_sleep_ms(30));
    CHECK_EQ(atomic_load(&fifo_opened), 1);
    int wfd = -1;
    for (int i = 0; i < 1000 && wfd < 0; i++) { /* ENXIO until the reader's open is under way */
        wfd = open(fifo, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
        if (wfd < 0)
            await(ac_sleep_ms(1));
    }
    CHECK_INT(>=, wfd, 0);
    int rfd = -1;
    CHECK_EQ(await(ac_task_join(t, &rfd)), 0);
    CHECK_INT(>=, rfd, 0);
    CHECK_EQ(fcntl(rfd, F_GETFL) & O_NONBLOCK, 0);
    CHECK_EQ(write(wfd, "x", 1), 1);
    CHECK_EQ(read(rfd, buf, 1), 1);
    close(wfd);
    close(rfd);
    /* No reader: the non-blocking try is the answer. */
    CHECK_EQ(await(ac_open(fifo, O_WRONLY, 0)), -ENXIO);
    /* Asked not to wait, it opens at once without a writer. */
    fd = await(ac_open(fifo, O_RDONLY | O_NONBLOCK, 0));
    CHECK_INT(>=, fd, 0);
    close(fd);

    CHECK_EQ(unlink(fifo), 0);
    CHECK_EQ(unlink(file), 0);
    CHECK_EQ(rmdir(dir), 0);
    printf("open: ok%s\n", epoll ? " (epoll)" : "");
    return 0;
}
