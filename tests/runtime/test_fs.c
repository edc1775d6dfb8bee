/* tests/runtime/test_fs.c (async C): the file system calls on a scratch directory: mkdir,
 * whole-file write and read (empty, 3 MiB in a buffer of its size, /proc with no size, one
 * longer than a page),
 * listing, rename, ftruncate, unlink and rmdir, their errors, and calls dropped by a timeout
 * that leave nothing behind. */
#include <dirent.h>
#include <fcntl.h>
#include <malloc.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test.h"

#define NFILES 30
#define BIG (3u << 20)

static int by_name(const void *a, const void *b)
{
    return strcmp(((const ac_dir_entry *)a)->name, ((const ac_dir_entry *)b)->name);
}

async int main(void)
{
    char dir[64], path[128], other[128];
    snprintf(dir, sizeof dir, "/tmp/asyncc-fs-%d", (int)getpid());
    CHECK_EQ(await(ac_mkdir(dir, 0755)), 0);
    CHECK_EQ(await(ac_mkdir(dir, 0755)), -EEXIST);

    /* Whole-file write and read. */
    char *big = malloc(BIG);
    for (size_t i = 0; i < BIG; i++)
        big[i] = (char)('a' + i % 26);
    snprintf(path, sizeof path, "%s/big", dir);
    CHECK_EQ(await(ac_fs_write(path, big, BIG)), BIG);
    char *data = NULL;
    long n = await(ac_fs_read(path, &data));
    CHECK_EQ(n, BIG);
    CHECK(memcmp(data, big, BIG) == 0 && data[BIG] == 0);
    /* One buffer of the file's size (before: twice it, the file copied once by a realloc to
     * find its end). */
    CHECK_INT(<, malloc_usable_size(data), BIG + 8192);
    free(data);
    CHECK_EQ(await(ac_fs_write(path, "short", 5)), 5); /* truncates */
    n = await(ac_fs_read(path, &data));
    CHECK_EQ(n, 5);
    CHECK(strcmp(data, "short") == 0);
    free(data);
    CHECK_EQ(await(ac_fs_write(path, "", 0)), 0);
    n = await(ac_fs_read(path, &data));
    CHECK_EQ(n, 0);
    CHECK(data && data[0] == 0);
    free(data);
    n = await(ac_fs_read("/proc/self/status", &data)); /* size 0 in stat: read to the end */
    CHECK_INT(>, n, 100);
    CHECK(strstr(data, "Name:") != NULL);
    free(data);
    /* A /proc file longer than the page its kernel gives per read(2): all of it, where
     * ac_read_file's one read may stop after the first page (io.h). 200 mappings that cannot
     * merge make /proc/self/maps 200 lines longer. */
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    char *pages = mmap(NULL, 200 * page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(pages != MAP_FAILED);
    for (int i = 0; i < 200; i += 2)
        CHECK_EQ(mprotect(pages + i * page, page, PROT_NONE), 0);
    n = await(ac_fs_read("/proc/self/maps", &data));
    CHECK_INT(>, n, 3 * 4096);
    CHECK(data[n - 1] == '\n' && strstr(data, "[stack]") != NULL);
    free(data);
    munmap(pages, 200 * page);
    data = (char *)1;
    CHECK_EQ(await(ac_fs_read("/nonexistent/asyncc", &data)), -ENOENT);
    CHECK(data == NULL);
    CHECK_EQ(await(ac_fs_write("/nonexistent/asyncc/x", "x", 1)), -ENOENT);

    /* ftruncate. */
    int fd = open(path, O_RDWR | O_CLOEXEC);
    CHECK_EQ(await(ac_ftruncate(fd, 12345)), 0);
    struct stat st;
    CHECK_EQ(fstat(fd, &st), 0);
    CHECK_EQ(st.st_size, 12345);
    CHECK_EQ(await(ac_ftruncate(fd, -1)), -EINVAL);
    close(fd);
    CHECK_EQ(await(ac_ftruncate(fd, 0)), -EBADF);

    /* Listing. */
    for (int i = 0; i < NFILES; i++) {
        snprintf(other, sizeof other, "%s/f%02d", dir, i);
        CHECK_EQ(await(ac_fs_write(other, other, strlen(other))), strlen(other));
    }
    snprintf(other, sizeof other, "%s/sub", dir);
    CHECK_EQ(await(ac_mkdir(other, 0700)), 0);
    ac_dir_entry *ents = NULL;
    n = await(ac_read_dir(dir, &ents));
    CHECK_EQ(n, NFILES + 2);
    qsort(ents, (size_t)n, sizeof *ents, by_name);
    CHECK(strcmp(ents[0].name, "big") == 0 && ents[0].type == DT_REG);
    CHECK(strcmp(ents[1].name, "f00") == 0);
    CHECK(strcmp(ents[NFILES + 1].name, "sub") == 0 && ents[NFILES + 1].type == DT_DIR);
    CHECK_INT(>, ents[1].ino, 0);
    free(ents);
    CHECK_EQ(await(ac_read_dir(other, &ents)), 0);
    CHECK(ents == NULL);
    CHECK_EQ(await(ac_read_dir("/nonexistent/asyncc", &ents)), -ENOENT);
    CHECK_EQ(await(ac_read_dir(path, &ents)), -ENOTDIR);

    /* Rename, unlink, rmdir. */
    snprintf(other, sizeof other, "%s/renamed", dir);
    CHECK_EQ(await(ac_rename(path, other)), 0);
    CHECK_EQ(access(path, F_OK), -1);
    CHECK_EQ(await(ac_rename(path, other)), -ENOENT);
    CHECK_EQ(await(ac_unlink(other)), 0);
    CHECK_EQ(await(ac_unlink(other)), -ENOENT);
    CHECK_EQ(await(ac_rmdir(dir)), -ENOTEMPTY);
    snprintf(other, sizeof other, "%s/sub", dir);
    CHECK_EQ(await(ac_unlink(other)), -EISDIR);
    CHECK_EQ(await(ac_rmdir(other)), 0);

    /* Dropped by a timeout at once: the pool finishes the job and frees what it made. */
    for (int i = 0; i < 10; i++) {
        snprintf(other, sizeof other, "%s/f%02d", dir, i);
        int t = await(ac_timeout(0, n = ac_fs_read(other, &data)));
        if (t == 0)
            free(data);
        t = await(ac_timeout(0, n = ac_read_dir(dir, &ents)));
        if (t == 0)
            free(ents);
    }
    for (int i = 0; i < NFILES; i++) {
        snprintf(other, sizeof other, "%s/f%02d", dir, i);
        CHECK_EQ(await(ac_unlink(other)), 0);
    }
    CHECK_EQ(await(ac_rmdir(dir)), 0);
    CHECK_EQ(await(ac_rmdir(dir)), -ENOENT);
    free(big);
    printf("fs: ok\n");
    return 0;
}
