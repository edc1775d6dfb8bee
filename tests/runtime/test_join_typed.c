/* tests/runtime/test_join_typed.c: ac_task_join checks the size of the result variable: a
 * task returning long joined into an int, or a task returning nothing joined into a variable,
 * aborts with a message before a byte is written; matching sizes, NULL and void * work. */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

typedef struct {
    unsigned state;
    long result;
} long_frame;

static int long_poll(void *frame, ac_cx *cx)
{
    (void)cx;
    long_frame *f = frame;
    f->result = 0x1122334455667788L;
    f->state = AC_STATE_DONE;
    return AC_READY;
}

static const ac_future_type long_type = TEST_TYPE(long_frame, long_poll, test_no_drop);

typedef struct {
    unsigned state;
} void_frame;

static int void_poll(void *frame, ac_cx *cx)
{
    (void)cx;
    ((void_frame *)frame)->state = AC_STATE_DONE;
    return AC_READY;
}

static const ac_future_type void_type = {
    .name = "void_task", .frame_size = sizeof(void_frame), .frame_align = _Alignof(void_frame),
    .poll = void_poll, .drop = test_no_drop, .child = test_no_child,
};

/* The root joins a task of `spawn` into the variable given by `how`. */
static const ac_future_type *spawn;
static enum { INTO_LONG, INTO_INT, INTO_NULL, INTO_VOIDP } how;

typedef struct {
    unsigned state;
    int result;
    int small[2]; /* small[1] is the canary after an int */
    long big;
    ac_task *t;
    test_child c;
} root_frame;

static int root_poll(void *frame, ac_cx *cx)
{
    root_frame *f = frame;
    if (f->state == 0) {
        void *fr;
        f->t = ac__task_spawn(ac__task_new(spawn, &fr));
        f->small[1] = 77;
        switch (how) {
        case INTO_LONG:
            ac__init_ac_task_join(f->c.bytes, f->t, &f->big, AC__RESULT_SIZE(&f->big));
            break;
        case INTO_INT:
            ac__init_ac_task_join(f->c.bytes, f->t, &f->small[0], AC__RESULT_SIZE(&f->small[0]));
            break;
        case INTO_NULL:
            ac__init_ac_task_join(f->c.bytes, f->t, NULL, AC__RESULT_SIZE(NULL));
            break;
        case INTO_VOIDP: {
            void *p = &f->big;
            ac__init_ac_task_join(f->c.bytes, f->t, p, AC__RESULT_SIZE(p));
            break;
        }
        }
        f->state = 1;
    }
    int ret;
    if (test_poll_child(&ac__type_ac_task_join, &f->c, cx, &ret) == AC_PENDING)
        return AC_PENDING;
    CHECK_EQ(ret, 0);
    CHECK_EQ(f->small[1], 77);
    f->result = how == INTO_LONG || how == INTO_VOIDP ? (f->big == 0x1122334455667788L) : 1;
    f->state = AC_STATE_DONE;
    return AC_READY;
}

static const ac_future_type root_type = TEST_TYPE(root_frame, root_poll, test_no_drop);

static int run(void)
{
    return test_block_on(&root_type);
}

/* Runs a join that must abort in a child process, saying must_say on stderr. */
static void expect_abort(const char *must_say)
{
    int fds[2];
    CHECK_EQ(pipe(fds), 0);
    fflush(NULL);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        dup2(fds[1], 2);
        close(fds[0]);
        run();
        _exit(0); /* not reached when the check works */
    }
    close(fds[1]);
    char out[4096];
    size_t len = 0;
    ssize_t n;
    while ((n = read(fds[0], out + len, sizeof out - 1 - len)) > 0)
        len += (size_t)n;
    out[len] = 0;
    close(fds[0]);
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGABRT || !strstr(out, must_say)) {
        fprintf(stderr, "expected an abort saying \"%s\"; status %#x, stderr:\n%s\n", must_say,
                status, out);
        abort();
    }
    printf("aborted as expected: %s", strstr(out, "ac_task_join"));
}

int main(void)
{
    /* The sizes are what the check sees: the runtime must not be running when we fork. */
    spawn = &long_type;
    how = INTO_INT;
    expect_abort("returns 8 bytes, but the variable given for its result has 4 bytes");
    spawn = &void_type;
    how = INTO_LONG;
    expect_abort("which returns nothing, but a variable of 8 bytes was given");

    spawn = &long_type;
    how = INTO_LONG;
    CHECK_EQ(run(), 1);
    how = INTO_NULL;
    CHECK_EQ(run(), 1);
    how = INTO_VOIDP; /* no size known: no check */
    CHECK_EQ(run(), 1);
    spawn = &void_type;
    how = INTO_NULL;
    CHECK_EQ(run(), 1);
    ac_runtime_shutdown();
    printf("join_typed: ok\n");
    return 0;
}
