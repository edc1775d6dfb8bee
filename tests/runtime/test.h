/* tests/runtime/test.h: what every runtime test shares: value-printing checks and the
 * declarations of the runtime's hand-written futures, as generated code would declare them. */
#ifndef ASYNCC_TEST_H
#define ASYNCC_TEST_H

#include <dirent.h>
#include <errno.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "asyncc.h"

#define TEST_SKIP 77

#define CHECK(cond)                                                                        \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond);       \
            abort();                                                                       \
        }                                                                                  \
    } while (0)

#define CHECK_INT(op, a, b)                                                                \
    do {                                                                                   \
        long long check_a_ = (long long)(a), check_b_ = (long long)(b);                    \
        if (!(check_a_ op check_b_)) {                                                     \
            fprintf(stderr, "%s:%d: CHECK(%s %s %s) failed: %lld vs %lld\n", __FILE__,     \
                    __LINE__, #a, #op, #b, check_a_, check_b_);                            \
            abort();                                                                       \
        }                                                                                  \
    } while (0)

#define CHECK_EQ(a, b) CHECK_INT(==, a, b)

/* Runs the program's runtime on one worker (a constructor, before async main starts it): for
 * tests where only one worker's order of tasks may decide, or where a blocked one must show. */
#define TEST_ONE_WORKER()                                                                  \
    __attribute__((constructor)) static void test_one_worker(void)                         \
    {                                                                                      \
        ac_runtime_config config;                                                          \
        ac_runtime_config_default(&config);                                                \
        config.workers = 1;                                                                \
        CHECK_EQ(ac_runtime_configure(&config), 0);                                        \
    }

/* Configures a current-thread runtime (no worker threads: tasks run on the caller of block_on),
 * where a task that never yields would starve every other one. */
static inline void test_current_thread(void)
{
    ac_runtime_config config;
    ac_runtime_config_default(&config);
    config.current_thread = 1;
    CHECK_EQ(ac_runtime_configure(&config), 0);
}

/* The runtime's own async functions, as the transpiler declares cross-file callees. */
extern const ac_future_type ac__type_ac_sleep_ms;
void ac__init_ac_sleep_ms(void *frame, unsigned long ms);
extern const ac_future_type ac__type_ac_yield;
void ac__init_ac_yield(void *frame);
extern const ac_future_type ac__type_ac_task_join;
void ac__init_ac_task_join(void *frame, ac_task *task, void *result, size_t result_size);

static inline void *test_no_child(void *frame, const ac_future_type **type)
{
    (void)frame;
    *type = NULL;
    return NULL;
}

static inline void test_no_drop(void *frame, ac_cx *cx)
{
    (void)frame;
    (void)cx;
}

/* A future type for a hand-written frame struct F with an int result field. */
#define TEST_TYPE(F, poll_fn, drop_fn)                                                     \
    {                                                                                      \
        .name = #F, .frame_size = sizeof(F), .frame_align = _Alignof(F),                   \
        .result_offset = offsetof(F, result), .result_size = sizeof(((F *)0)->result),     \
        .poll = poll_fn, .drop = drop_fn, .child = test_no_child, .sites = NULL, .nsites = 0 \
    }

/* The entries of a directory of /proc: test_count_dir("/proc/self/fd") counts the descriptors
 * this process has open (with the one that counts them; a test that compares two counts sees a
 * leak), "/proc/self/task" its threads (the blocking pool starts one for its first job). */
static inline int test_count_dir(const char *path)
{
    int n = 0;
    DIR *d = opendir(path);
    CHECK(d);
    while (readdir(d))
        n++;
    closedir(d);
    return n;
}

/* Whether this is the ThreadSanitizer build, which does not support the threads a fork()
 * child starts. (A function here, not a conditional in an async C test: asyncc's preprocessor
 * does not see the compiler's -fsanitize.) */
static inline int test_under_tsan(void)
{
#if defined(__SANITIZE_THREAD__)
    return 1;
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
    return 1;
#else
    return 0;
#endif
#else
    return 0;
#endif
}

/* For a test whose fork() children of a multi-threaded process exit through exit(): no leak
 * check under ASan. At exit LeakSanitizer locks every mutex of ASan's allocator, and gcc 12's
 * libasan takes none of them around fork(), so one that another thread held at the fork is
 * held for ever in the child (runtime.fork hung so under load, 4 runs in 60); it also reports
 * that it cannot suspend the parent's threads, which are not in the child. */
#define TEST_NO_LEAK_CHECK_AFTER_FORK()                                                           \
    const char *__asan_default_options(void);                                                   \
    __attribute__((used)) const char *__asan_default_options(void)                              \
    {                                                                                            \
        return "detect_leaks=0";                                                                 \
    }

/* Writes npages pages of 4 KiB to fd, each filled with its number (mod 256). */
static inline void test_write_numbered_pages(int fd, int npages)
{
    static unsigned char page[4096];
    for (int p = 0; p < npages; p++) {
        memset(page, p, sizeof page);
        CHECK_EQ(write(fd, page, sizeof page), (long)sizeof page);
    }
}

/* The monotonic clock in milliseconds. */
static inline double test_now_ms(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

/* Burns ms milliseconds of CPU on the calling thread (a long poll). */
static inline void test_spin_ms(double ms)
{
    double end = test_now_ms() + ms;
    while (test_now_ms() < end)
        ;
}

/* How long a test repeats rounds whose outcome depends on the OS running another thread in time
 * (a worker taking a share of a backlog): on a loaded machine one round may not show it, so
 * rounds repeat until one does or this many seconds have passed (CI once failed a single round). */
#define TEST_RETRY_SECONDS 20

/* Runs a task of the given type (a hand-written frame, zeroed; an int result or none) to its
 * end from plain C with ac__block_on, as a generated main does. Returns its result (-1 without). */
static inline int test_block_on(const ac_future_type *type)
{
    void *frame;
    int r = -1;
    CHECK(type->result_size <= sizeof r);
    ac_task *task = ac__task_new(type, &frame);
    memset(frame, 0, type->frame_size);
    ac__block_on(task, type->result_size ? &r : NULL);
    return r;
}

/* Storage for one child frame inside a hand-written frame. */
typedef struct {
    _Alignas(16) unsigned char bytes[512];
} test_child;

/* Polls the child once; when it is ready, copies its result (if any) to out. */
static inline int test_poll_child(const ac_future_type *type, test_child *c, ac_cx *cx, void *out)
{
    if (type->frame_size > sizeof c->bytes)
        abort();
    int r = type->poll(c->bytes, cx);
    if (r == AC_READY && out && type->result_size)
        memcpy(out, c->bytes + type->result_offset, type->result_size);
    return r;
}

/* Coroutine helpers for hand-written frames: the frame starts with CO_HEAD; CO_AWAIT polls one
 * child future in the frame's child storage, suspending with state = the source line. */
#define CO_HEAD                                                                            \
    unsigned state;                                                                        \
    int result;                                                                            \
    const ac_future_type *ctype;                                                           \
    test_child c

struct co_prefix {
    CO_HEAD;
};

#define CO_BEGIN(f) switch ((f)->state) { case 0:
#define CO_AWAIT(f, type, init, out)                                                       \
    do {                                                                                   \
        init;                                                                              \
        (f)->ctype = &(type);                                                              \
        (f)->state = __LINE__;                                                             \
        /* fallthrough */                                                                  \
    case __LINE__:                                                                         \
        if (test_poll_child((f)->ctype, &(f)->c, cx, (out)) == AC_PENDING)                 \
            return AC_PENDING;                                                             \
        (f)->ctype = NULL;                                                                 \
    } while (0)
#define CO_RETURN(f, v)                                                                    \
    do {                                                                                   \
        (f)->result = (v);                                                                 \
        (f)->state = AC_STATE_DONE;                                                        \
        return AC_READY;                                                                   \
    } while (0)
#define CO_END(f)                                                                          \
    }                                                                                      \
    CHECK(!"bad state");                                                                   \
    return AC_PENDING;

/* Drops the child being awaited, if any. */
static inline void co_drop(void *frame, ac_cx *cx)
{
    struct co_prefix *f = frame;
    if (f->state != 0 && f->state != AC_STATE_DONE && f->ctype)
        f->ctype->drop(f->c.bytes, cx);
    f->state = AC_STATE_DONE;
}

/* Spawns a task for a frame type F whose fields the caller sets through the returned frame. */
#define CO_SPAWN_NEW(type, frame_var)                                                      \
    (ac__task_new(&(type), (void **)&(frame_var)))

/* The runtime's I/O futures, declared as generated code would declare them. */
#include <sys/socket.h>
#include <sys/stat.h>
extern const ac_future_type ac__type_ac_open, ac__type_ac_close, ac__type_ac_read,
    ac__type_ac_write, ac__type_ac_pread, ac__type_ac_pwrite, ac__type_ac_fsync,
    ac__type_ac_stat, ac__type_ac_read_exact, ac__type_ac_write_all, ac__type_ac_socket,
    ac__type_ac_accept, ac__type_ac_connect, ac__type_ac_recv, ac__type_ac_send,
    ac__type_ac_shutdown;
void ac__init_ac_open(void *frame, const char *path, int flags, unsigned mode);
void ac__init_ac_close(void *frame, int fd);
void ac__init_ac_read(void *frame, int fd, void *buf, size_t len);
void ac__init_ac_write(void *frame, int fd, const void *buf, size_t len);
void ac__init_ac_pread(void *frame, int fd, void *buf, size_t len, long long offset);
void ac__init_ac_pwrite(void *frame, int fd, const void *buf, size_t len, long long offset);
void ac__init_ac_fsync(void *frame, int fd);
void ac__init_ac_stat(void *frame, const char *path, struct stat *st);
void ac__init_ac_read_exact(void *frame, int fd, void *buf, size_t len);
void ac__init_ac_write_all(void *frame, int fd, const void *buf, size_t len);
void ac__init_ac_socket(void *frame, int domain, int type, int protocol);
void ac__init_ac_accept(void *frame, int fd, struct sockaddr *addr, socklen_t *len);
void ac__init_ac_connect(void *frame, int fd, const struct sockaddr *addr, socklen_t len);
void ac__init_ac_recv(void *frame, int fd, void *buf, size_t len, int flags);
void ac__init_ac_send(void *frame, int fd, const void *buf, size_t len, int flags);
void ac__init_ac_shutdown(void *frame, int fd, int how);

extern const ac_future_type ac__type_ac_semaphore_acquire, ac__type_ac_mutex_lock,
    ac__type_ac_notify_wait, ac__type_ac_spawn_blocking, ac__type_ac_mpsc_send,
    ac__type_ac_mpsc_recv, ac__type_ac_oneshot_recv, ac__type_ac_broadcast_recv;
void ac__init_ac_semaphore_acquire(void *frame, ac_semaphore *sem, size_t n);
void ac__init_ac_mutex_lock(void *frame, ac_mutex *m);
void ac__init_ac_notify_wait(void *frame, ac_notify *n);
void ac__init_ac_spawn_blocking(void *frame, long (*fn)(void *), void *arg);
void ac__init_ac_mpsc_send(void *frame, ac_mpsc *ch, const void *elem);
void ac__init_ac_mpsc_recv(void *frame, ac_mpsc *ch, void *out);
void ac__init_ac_oneshot_recv(void *frame, ac_oneshot *o, void *out);
void ac__init_ac_broadcast_recv(void *frame, ac_broadcast_rx *rx, void *out);

/* Polls a future of the given type once in a scratch frame, then drops it if it is pending:
 * how a select's loser is cancelled. Returns what the poll returned. */
static inline int test_poll_once_then_drop(const ac_future_type *type, test_child *c, ac_cx *cx,
                                           void *out)
{
    int r = test_poll_child(type, c, cx, out);
    if (r == AC_PENDING)
        type->drop(c->bytes, cx);
    return r;
}

#endif
