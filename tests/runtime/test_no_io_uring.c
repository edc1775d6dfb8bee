/* tests/runtime/test_no_io_uring.c: where io_uring is denied (here by a seccomp filter in a child
 * process, as a container profile would): the runtime falls back to epoll, says so in one line
 * (silent when ASYNCC_BACKEND chose), and works: files, sockets, timers, read_file. Forced onto
 * io_uring it reports why it cannot start to its caller (no exit inside the library), and async
 * main prints it, flushes stdout and exits with 70. A filter that lets io_uring_setup through
 * but refuses io_uring_enter or io_uring_register is found at start too: epoll, and the line
 * names the call refused. */
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

typedef struct {
    unsigned state;
    int result;
} root_frame;

static int root_poll(void *frame, ac_cx *cx)
{
    (void)cx;
    root_frame *f = frame;
    f->result = 0;
    f->state = AC_STATE_DONE;
    return AC_READY;
}
static const ac_future_type root_type = TEST_TYPE(root_frame, root_poll, test_no_drop);

/* The system call the filter refuses. */
static unsigned denied_nr = __NR_io_uring_setup;

static int deny_io_uring(void)
{
    struct sock_filter filter[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, denied_nr, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA)),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    struct sock_fprog prog = {.len = sizeof filter / sizeof filter[0], .filter = filter};
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
        return -1;
    return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog);
}

/* What a child said and how it ended. */
struct child {
    char out[4096], err[4096];
    int status;
};

static void read_all(int fd, char *buf, size_t cap)
{
    size_t len = 0;
    ssize_t n;
    while (len + 1 < cap && (n = read(fd, buf + len, cap - 1 - len)) > 0)
        len += (size_t)n;
    buf[len] = '\0';
}

/* Runs fn in a child under the filter, with ASYNCC_BACKEND set to backend (NULL: unset).
 * Returns false when the filter cannot be installed here. */
static bool run_denied(int (*fn)(void), const char *backend, struct child *c)
{
    int out[2], err[2];
    CHECK_EQ(pipe(out), 0);
    CHECK_EQ(pipe(err), 0);
    pid_t pid = fork();
    CHECK_INT(>=, pid, 0);
    if (pid == 0) {
        dup2(out[1], 1);
        dup2(err[1], 2);
        close(out[0]);
        close(err[0]);
        if (backend)
            setenv("ASYNCC_BACKEND", backend, 1);
        else
            unsetenv("ASYNCC_BACKEND");
        if (deny_io_uring())
            _exit(77);
        exit(fn()); /* as a generated main returns: exit flushes stdio */
    }
    close(out[1]);
    close(err[1]);
    read_all(out[0], c->out, sizeof c->out);
    read_all(err[0], c->err, sizeof c->err);
    close(out[0]);
    close(err[0]);
    CHECK_EQ(waitpid(pid, &c->status, 0), pid);
    CHECK(WIFEXITED(c->status));
    fprintf(stderr, "child (ASYNCC_BACKEND=%s) exited with %d; its stdout:\n%s\nits stderr:\n%s\n",
            backend ? backend : "", WEXITSTATUS(c->status), c->out, c->err);
    return WEXITSTATUS(c->status) != 77;
}

/* The start call reports the failure, twice in a row (nothing is left half started). */
static int start_reports(void)
{
    for (int i = 0; i < 2; i++) {
        int r = ac_runtime_start();
        if (r != -EPERM) {
            printf("ac_runtime_start returned %d\n", r);
            return 1;
        }
        printf("error: %s\n", ac_runtime_start_error());
    }
    if (ac_runtime_backend() != NULL)
        return 2;
    /* ac_block_on frees the task it could not run and returns the error. */
    void *frame;
    int result = 42;
    int r = ac__block_on(ac__task_new(&root_type, &frame), &result);
    printf("block_on: %d, result %d\n", r, result);
    return r == -EPERM && result == 0 ? 0 : 3;
}

extern const ac_future_type ac__type_ac_read_file;
void ac__init_ac_read_file(void *frame, const char *path, void *buf, size_t len);

/* Real work on whatever backend was chosen: a file written and read back, a message through a
 * socket pair, a timer, ac_read_file. */
typedef struct {
    CO_HEAD;
    long n;
    int fd, sv[2];
    char path[64], buf[64];
} work_frame;

static int work_poll(void *frame, ac_cx *cx)
{
    work_frame *f = frame;
    CO_BEGIN(f);
    snprintf(f->path, sizeof f->path, "/tmp/asyncc-no-io-uring-%d", (int)getpid());
    CO_AWAIT(f, ac__type_ac_open, ac__init_ac_open(f->c.bytes, f->path, O_RDWR | O_CREAT | O_TRUNC, 0600), &f->fd);
    CHECK_INT(>=, f->fd, 0);
    CO_AWAIT(f, ac__type_ac_write_all, ac__init_ac_write_all(f->c.bytes, f->fd, "hello file", 10), &f->n);
    CHECK_EQ(f->n, 10);
    CO_AWAIT(f, ac__type_ac_pread, ac__init_ac_pread(f->c.bytes, f->fd, f->buf, sizeof f->buf, 6), &f->n);
    CHECK_EQ(f->n, 4);
    CHECK(memcmp(f->buf, "file", 4) == 0);
    CO_AWAIT(f, ac__type_ac_close, ac__init_ac_close(f->c.bytes, f->fd), NULL);
    CO_AWAIT(f, ac__type_ac_read_file, ac__init_ac_read_file(f->c.bytes, f->path, f->buf, sizeof f->buf), &f->n);
    CHECK_EQ(f->n, 10);
    unlink(f->path);
    CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, f->sv), 0);
    CO_AWAIT(f, ac__type_ac_send, ac__init_ac_send(f->c.bytes, f->sv[0], "ping", 4, 0), &f->n);
    CHECK_EQ(f->n, 4);
    CO_AWAIT(f, ac__type_ac_recv, ac__init_ac_recv(f->c.bytes, f->sv[1], f->buf, sizeof f->buf, 0), &f->n);
    CHECK_EQ(f->n, 4);
    CO_AWAIT(f, ac__type_ac_sleep_ms, ac__init_ac_sleep_ms(f->c.bytes, 5), NULL);
    close(f->sv[0]);
    close(f->sv[1]);
    printf("backend: %s\n", ac_runtime_backend());
    CO_RETURN(f, 0);
    CO_END(f);
}
static const ac_future_type work_type = TEST_TYPE(work_frame, work_poll, co_drop);

static int fallback_works(void)
{
    void *frame;
    return ac__main(ac__task_new(&work_type, &frame));
}

/* async main, as generated code calls it: stdout written before is not lost. */
static int main_reports(void)
{
    printf("written before main's runtime started\n");
    void *frame;
    return ac__main(ac__task_new(&root_type, &frame));
}

int main(void)
{
    struct child c;
    if (!run_denied(fallback_works, NULL, &c)) {
        fprintf(stderr, "cannot install a seccomp filter here: skipped\n");
        return TEST_SKIP;
    }
    CHECK_EQ(WEXITSTATUS(c.status), 0);
    CHECK(strstr(c.out, "backend: epoll\n") != NULL);
    CHECK(strncmp(c.err, "asyncc: using the epoll backend: io_uring_setup failed: Operation not "
                         "permitted", 79) == 0);
    CHECK(strchr(c.err, '\n') == c.err + strlen(c.err) - 1); /* one line */

    CHECK(run_denied(fallback_works, "epoll", &c)); /* chosen: nothing said */
    CHECK_EQ(WEXITSTATUS(c.status), 0);
    CHECK(strstr(c.out, "backend: epoll\n") != NULL);
    CHECK_EQ(strlen(c.err), 0);

    CHECK(run_denied(start_reports, "io_uring", &c));
    CHECK_EQ(WEXITSTATUS(c.status), 0);
    CHECK(strstr(c.out, "io_uring_setup failed: Operation not permitted") != NULL);
    CHECK(strstr(c.out, "seccomp") != NULL);

    CHECK(run_denied(main_reports, "io_uring", &c));
    CHECK_EQ(WEXITSTATUS(c.status), 70);
    CHECK(strstr(c.out, "written before main's runtime started") != NULL);
    CHECK(strstr(c.err, "asyncc: cannot start the runtime: ") != NULL);
    CHECK(strstr(c.err, "io_uring_setup failed: Operation not permitted") != NULL);

    /* io_uring_setup allowed, a call the ring needs refused: found at start, not at the first
     * submission (which ended the program from inside the library). */
    static const struct {
        unsigned nr;
        const char *said;
    } later[] = {
        {__NR_io_uring_enter, "asyncc: using the epoll backend: io_uring_enter failed: Operation not permitted"},
        {__NR_io_uring_register, "asyncc: using the epoll backend: io_uring_register failed: Operation not permitted"},
    };
    for (size_t i = 0; i < sizeof later / sizeof later[0]; i++) {
        denied_nr = later[i].nr;
        CHECK(run_denied(fallback_works, NULL, &c));
        CHECK_EQ(WEXITSTATUS(c.status), 0);
        CHECK(strstr(c.out, "backend: epoll\n") != NULL);
        CHECK(strncmp(c.err, later[i].said, strlen(later[i].said)) == 0);
        CHECK(strchr(c.err, '\n') == c.err + strlen(c.err) - 1);
    }
    return 0;
}
