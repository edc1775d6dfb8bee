/* tests/runtime/test_read_file.c: ac_read_file through direct descriptors and, with the
 * configuration's file_slots < 0, through ordinary ones: contents and counts for empty, short,
 * exact and longer files, errors from the open and from the read, many concurrent reads, and
 * reads of a FIFO (whose read waits) cancelled at random points, on any worker; no descriptor
 * may leak either way. Also with the smallest ring the configuration allows. On the epoll
 * backend, files in the page cache are read on the worker: no pool thread starts for them. */
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stress.h"
#include "test.h"

extern const ac_future_type ac__type_ac_read_file;
void ac__init_ac_read_file(void *frame, const char *path, void *buf, size_t len);

#define BIG 100000
#define READERS STRESS_N(1000, 4)
#define ROUNDS STRESS_N(3000, 6)

static char dir[64], fifo[96];
static char data[BIG];

static void path_of(char *out, size_t n, const char *name)
{
    snprintf(out, n, "%s/%s", dir, name);
}

static void write_file(const char *name, size_t len)
{
    char p[128];
    path_of(p, sizeof p, name);
    int fd = open(p, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0600);
    CHECK_INT(>=, fd, 0);
    CHECK_EQ(write(fd, data, len), (long)len);
    close(fd);
}

/* One read of the big file into its own buffer, checked. */
typedef struct {
    CO_HEAD;
    char path[128];
    long n;
    char buf[BIG];
} reader_frame;

static int reader_poll(void *frame, ac_cx *cx)
{
    reader_frame *f = frame;
    CO_BEGIN(f);
    path_of(f->path, sizeof f->path, "big");
    CO_AWAIT(f, ac__type_ac_read_file, ac__init_ac_read_file(f->c.bytes, f->path, f->buf, BIG), &f->n);
    CHECK_EQ(f->n, BIG);
    CHECK(memcmp(f->buf, data, BIG) == 0);
    CO_RETURN(f, 0);
    CO_END(f);
}
static const ac_future_type reader_type = TEST_TYPE(reader_frame, reader_poll, co_drop);

/* A read of the FIFO: it waits until the writer thread writes or the test cancels it. */
typedef struct {
    CO_HEAD;
    long n;
    char buf[64];
} fifo_frame;

static atomic_long fifo_reads;

static int fifo_poll(void *frame, ac_cx *cx)
{
    fifo_frame *f = frame;
    CO_BEGIN(f);
    CO_AWAIT(f, ac__type_ac_read_file, ac__init_ac_read_file(f->c.bytes, fifo, f->buf, sizeof f->buf), &f->n);
    CHECK_INT(>, f->n, 0);
    atomic_fetch_add(&fifo_reads, 1);
    CO_RETURN(f, 0);
    CO_END(f);
}
static const ac_future_type fifo_type = TEST_TYPE(fifo_frame, fifo_poll, co_drop);

typedef struct {
    CO_HEAD;
    char path[128];
    char buf[8192];
    long n;
    int i, k, yields, r, threads;
    bool epoll;
    unsigned x;
    ac_task *tasks[READERS];
} root_frame;

#define READ_FILE(f, name, len)                                                             \
    do {                                                                                   \
        path_of((f)->path, sizeof (f)->path, name);                                        \
        CO_AWAIT(f, ac__type_ac_read_file,                                                 \
                 ac__init_ac_read_file((f)->c.bytes, (f)->path, (f)->buf, len), &(f)->n);   \
    } while (0)

static int root_poll(void *frame, ac_cx *cx)
{
    root_frame *f = frame;
    CO_BEGIN(f);
    f->epoll = strcmp(ac_runtime_backend(), "epoll") == 0;
    f->threads = test_count_dir("/proc/self/task");
    READ_FILE(f, "empty", sizeof f->buf);
    CHECK_EQ(f->n, 0);
    READ_FILE(f, "short", sizeof f->buf);
    CHECK_EQ(f->n, 100);
    CHECK(memcmp(f->buf, data, 100) == 0);
    READ_FILE(f, "page", sizeof f->buf);
    CHECK_EQ(f->n, 4096);
    CHECK(memcmp(f->buf, data, 4096) == 0);
    READ_FILE(f, "page", 4096);
    CHECK_EQ(f->n, 4096);
    READ_FILE(f, "big", sizeof f->buf); /* longer than the buffer: a full buffer */
    CHECK_EQ(f->n, (long)sizeof f->buf);
    CHECK(memcmp(f->buf, data, sizeof f->buf) == 0);
    if (f->epoll)
        CHECK_EQ(test_count_dir("/proc/self/task"), f->threads); /* all of it from the cache, on the worker */
    READ_FILE(f, "missing", sizeof f->buf); /* the open fails (a lookup the cache lacks) */
    CHECK_EQ(f->n, -ENOENT);
    READ_FILE(f, ".", sizeof f->buf); /* the open succeeds, the read fails */
    CHECK_EQ(f->n, -EISDIR);
    if (f->epoll)
        CHECK_INT(>, test_count_dir("/proc/self/task"), f->threads); /* no regular file: the pool read it */
    READ_FILE(f, "evicted", sizeof f->buf); /* dropped from the page cache: read from disk */
    CHECK_EQ(f->n, (long)sizeof f->buf);
    CHECK(memcmp(f->buf, data, sizeof f->buf) == 0);

    for (f->i = 0; f->i < READERS; f->i++) {
        reader_frame *rf;
        f->tasks[f->i] = ac__task_spawn(CO_SPAWN_NEW(reader_type, rf));
    }
    for (f->i = 0; f->i < READERS; f->i++) {
        CO_AWAIT(f, ac__type_ac_task_join, ac__init_ac_task_join(f->c.bytes, f->tasks[f->i], &f->r, AC__RESULT_SIZE(&f->r)), &f->r);
        CHECK_EQ(f->r, 0);
    }

    /* Reads of the FIFO wait for data: cancel them at random points, while some get data. */
    f->x = 11;
    for (f->i = 0; f->i < ROUNDS; f->i++) {
        f->x = f->x * 1103515245 + 12345;
        fifo_frame *ff;
        f->tasks[0] = ac__task_spawn(CO_SPAWN_NEW(fifo_type, ff));
        f->yields = (int)((f->x >> 8) % 4);
        for (f->k = 0; f->k < f->yields; f->k++)
            CO_AWAIT(f, ac__type_ac_yield, ac__init_ac_yield(f->c.bytes), NULL);
        if ((f->x >> 12) % 16 == 0) /* long enough for the writer to come by */
            CO_AWAIT(f, ac__type_ac_sleep_ms, ac__init_ac_sleep_ms(f->c.bytes, 1), NULL);
        ac_task_cancel(f->tasks[0]);
        CO_AWAIT(f, ac__type_ac_task_join, ac__init_ac_task_join(f->c.bytes, f->tasks[0], NULL, AC__RESULT_SIZE(NULL)), &f->r);
        CHECK(f->r == 0 || f->r == -ECANCELED);
    }
    CO_RETURN(f, 0);
    CO_END(f);
}
static const ac_future_type root_type = TEST_TYPE(root_frame, root_poll, co_drop);

/* Feeds the FIFO now and then, so some reads complete while others are being cancelled. */
static atomic_int stop_writer;
static int fifo_fd;
static void *writer_thread(void *arg)
{
    (void)arg;
    while (!atomic_load(&stop_writer)) {
        ssize_t r = write(fifo_fd, "x", 1);
        (void)r;
        usleep(300);
    }
    return NULL;
}

/* A file of len bytes whose pages are not in the page cache (as far as the kernel lets go). */
static void write_evicted(const char *name, size_t len)
{
    char p[128];
    write_file(name, len);
    path_of(p, sizeof p, name);
    int fd = open(p, O_RDONLY | O_CLOEXEC);
    CHECK_INT(>=, fd, 0);
    CHECK_EQ(fdatasync(fd), 0);
    CHECK_EQ(posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED), 0);
    close(fd);
}

static void run(int file_slots, unsigned ring_entries)
{
    ac_runtime_config c;
    ac_runtime_config_default(&c);
    c.file_slots = file_slots;
    c.ring_entries = ring_entries;
    CHECK_EQ(ac_runtime_configure(&c), 0);
    int fds = test_count_dir("/proc/self/fd");
    write_evicted("evicted", BIG);
    CHECK_EQ(test_block_on(&root_type), 0);
    ac_runtime_shutdown();
    CHECK_EQ(test_count_dir("/proc/self/fd"), fds); /* every descriptor the reads opened was closed */
}

int main(void)
{
    stress_watchdog(100);
    for (size_t i = 0; i < BIG; i++)
        data[i] = (char)(i * 13 + i / 777);
    snprintf(dir, sizeof dir, "/tmp/asyncc-read-file-%d", (int)getpid());
    CHECK_EQ(mkdir(dir, 0700), 0);
    write_file("empty", 0);
    write_file("short", 100);
    write_file("page", 4096);
    write_file("big", BIG);
    path_of(fifo, sizeof fifo, "fifo");
    CHECK_EQ(mkfifo(fifo, 0600), 0);
    fifo_fd = open(fifo, O_RDWR | O_NONBLOCK | O_CLOEXEC); /* a writer, so reads wait for data */
    CHECK_INT(>=, fifo_fd, 0);
    pthread_t w;
    pthread_create(&w, NULL, writer_thread, NULL);

    run(0, 0);  /* direct descriptors */
    long direct = atomic_exchange(&fifo_reads, 0);
    run(-1, 0); /* ordinary descriptors */
    long ordinary = atomic_exchange(&fifo_reads, 0);
    run(0, 1);  /* a ring too small for a chain of three is made larger */

    atomic_store(&stop_writer, 1);
    pthread_join(w, NULL);
    close(fifo_fd);
    const char *names[] = {"empty", "short", "page", "big", "evicted", "fifo"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char p[128];
        path_of(p, sizeof p, names[i]);
        unlink(p);
    }
    rmdir(dir);
    printf("read_file: %d rounds of FIFO reads per run, %ld and %ld completed, the rest cancelled\n",
           ROUNDS, direct, ordinary);
    return 0;
}
