/* tests/runtime/test_file_io.c: the file operations: open/write_all/fsync/stat/pread/pwrite/
 * read_exact/read at EOF/close on a temporary file, stdout, and errors for bad descriptors. */
#include <fcntl.h>
#include <unistd.h>

#include "test.h"

#define SIZE (1 << 20) + 123

typedef struct {
    CO_HEAD;
    char path[64];
    int fd;
    long n;
    int r;
    struct stat st;
    char *data, *back;
    char small[16];
} root_frame;

static int root_poll(void *frame, ac_cx *cx)
{
    root_frame *f = frame;
    CO_BEGIN(f);
    snprintf(f->path, sizeof f->path, "/tmp/asyncc-file-io-%d", (int)getpid());
    f->data = malloc(SIZE);
    f->back = malloc(SIZE);
    for (size_t i = 0; i < SIZE; i++)
        f->data[i] = (char)(i * 7 + i / 1000);

    CO_AWAIT(f, ac__type_ac_open, ac__init_ac_open(f->c.bytes, f->path, O_CREAT | O_RDWR | O_TRUNC, 0600), &f->fd);
    CHECK_INT(>=, f->fd, 0);
    CO_AWAIT(f, ac__type_ac_write_all, ac__init_ac_write_all(f->c.bytes, f->fd, f->data, SIZE), &f->n);
    CHECK_EQ(f->n, SIZE);
    CO_AWAIT(f, ac__type_ac_fsync, ac__init_ac_fsync(f->c.bytes, f->fd), &f->r);
    CHECK_EQ(f->r, 0);
    CO_AWAIT(f, ac__type_ac_stat, ac__init_ac_stat(f->c.bytes, f->path, &f->st), &f->r);
    CHECK_EQ(f->r, 0);
    CHECK_EQ(f->st.st_size, SIZE);
    CHECK(S_ISREG(f->st.st_mode));

    CO_AWAIT(f, ac__type_ac_pwrite, ac__init_ac_pwrite(f->c.bytes, f->fd, "HELLO", 5, 1000), &f->n);
    CHECK_EQ(f->n, 5);
    memcpy(f->data + 1000, "HELLO", 5);
    CO_AWAIT(f, ac__type_ac_pread, ac__init_ac_pread(f->c.bytes, f->fd, f->small, 7, 999), &f->n);
    CHECK_EQ(f->n, 7);
    CHECK(memcmp(f->small, f->data + 999, 7) == 0);
    CO_AWAIT(f, ac__type_ac_close, ac__init_ac_close(f->c.bytes, f->fd), &f->r);
    CHECK_EQ(f->r, 0);

    CO_AWAIT(f, ac__type_ac_open, ac__init_ac_open(f->c.bytes, f->path, O_RDONLY, 0), &f->fd);
    CHECK_INT(>=, f->fd, 0);
    CO_AWAIT(f, ac__type_ac_read_exact, ac__init_ac_read_exact(f->c.bytes, f->fd, f->back, SIZE), &f->n);
    CHECK_EQ(f->n, SIZE);
    CHECK(memcmp(f->back, f->data, SIZE) == 0);
    CO_AWAIT(f, ac__type_ac_read, ac__init_ac_read(f->c.bytes, f->fd, f->small, 16), &f->n);
    CHECK_EQ(f->n, 0); /* end of file */
    /* read_exact past the end returns what there was */
    CO_AWAIT(f, ac__type_ac_read_exact, ac__init_ac_read_exact(f->c.bytes, f->fd, f->small, 16), &f->n);
    CHECK_EQ(f->n, 0);
    CO_AWAIT(f, ac__type_ac_close, ac__init_ac_close(f->c.bytes, f->fd), &f->r);
    CHECK_EQ(f->r, 0);

    /* Errors are values, not crashes. */
    CO_AWAIT(f, ac__type_ac_read, ac__init_ac_read(f->c.bytes, f->fd, f->small, 16), &f->n);
    CHECK_EQ(f->n, -EBADF);
    CO_AWAIT(f, ac__type_ac_write_all, ac__init_ac_write_all(f->c.bytes, -1, "x", 1), &f->n);
    CHECK_EQ(f->n, -EBADF);
    CO_AWAIT(f, ac__type_ac_close, ac__init_ac_close(f->c.bytes, 12345), &f->r);
    CHECK_EQ(f->r, -EBADF);
    CO_AWAIT(f, ac__type_ac_stat, ac__init_ac_stat(f->c.bytes, "/nonexistent/asyncc", &f->st), &f->r);
    CHECK_EQ(f->r, -ENOENT);
    CO_AWAIT(f, ac__type_ac_open, ac__init_ac_open(f->c.bytes, "/nonexistent/asyncc", O_RDONLY, 0), &f->fd);
    CHECK_EQ(f->fd, -ENOENT);

    /* stdout */
    CO_AWAIT(f, ac__type_ac_write_all, ac__init_ac_write_all(f->c.bytes, 1, "file_io: stdout works\n", 22), &f->n);
    CHECK_EQ(f->n, 22);

    unlink(f->path);
    free(f->data);
    free(f->back);
    CO_RETURN(f, 0);
    CO_END(f);
}

static const ac_future_type root_type = TEST_TYPE(root_frame, root_poll, co_drop);

int main(void)
{
    CHECK_EQ(test_block_on(&root_type), 0);
    ac_runtime_stats st;
    ac_runtime_stats_get(&st);
    CHECK_INT(>=, st.io_submitted, 17);
    CHECK_INT(>=, st.io_completed, 17);
    ac_runtime_shutdown();
    return 0;
}
