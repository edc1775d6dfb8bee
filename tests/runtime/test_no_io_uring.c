/* tests/runtime/test_no_io_uring.c: where io_uring is denied (here by a seccomp filter in a child
 * process, as a container profile would), the runtime stops with a message naming the cause. */
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>
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

static int deny_io_uring(void)
{
    struct sock_filter filter[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_io_uring_setup, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA)),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    struct sock_fprog prog = {.len = sizeof filter / sizeof filter[0], .filter = filter};
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
        return -1;
    return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog);
}

int main(void)
{
    int err[2];
    CHECK_EQ(pipe(err), 0);
    pid_t pid = fork();
    CHECK_INT(>=, pid, 0);
    if (pid == 0) {
        dup2(err[1], 2);
        close(err[0]);
        if (deny_io_uring())
            _exit(77);
        test_block_on(&root_type);
        _exit(0); /* not reached: the runtime must refuse to start */
    }
    close(err[1]);
    char buf[4096];
    size_t len = 0;
    ssize_t n;
    while ((n = read(err[0], buf + len, sizeof buf - 1 - len)) > 0)
        len += (size_t)n;
    buf[len] = '\0';
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK(WIFEXITED(status));
    if (WEXITSTATUS(status) == 77) {
        fprintf(stderr, "cannot install a seccomp filter here: skipped\n");
        return TEST_SKIP;
    }
    fprintf(stderr, "child said:\n%s", buf);
    CHECK_EQ(WEXITSTATUS(status), 70);
    CHECK(strstr(buf, "io_uring_setup failed: Operation not permitted") != NULL);
    CHECK(strstr(buf, "seccomp") != NULL);
    return 0;
}
