/* tests/runtime/test_group_typed.c (async C): ac_task_group_join_next checks the size of the
 * result variable as ac_task_join does: a member returning long taken into an int, or one
 * returning nothing taken into a variable, aborts with a message before a byte is written;
 * matching sizes, NULL and a void * work, also in a group of members of several types. */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

static async long give_long(void)
{
    return 0x1122334455667788L;
}

static async void give_nothing(void)
{
}

static async int give_int(int v)
{
    return v;
}

struct guarded {
    int value;
    int canary; /* what an 8-byte result written into value would overwrite */
};

/* A long member taken into an int: must abort before the canary changes. */
static async int long_into_int(void)
{
    ac_task_group *g = ac_task_group_new();
    ac_task_group_spawn(g, give_long());
    struct guarded s = {0, 77};
    await(ac_task_group_join_next(g, &s.value));
    printf("not aborted: canary %d\n", s.canary);
    return 0;
}

/* A member returning nothing taken into a variable. */
static async int nothing_into_long(void)
{
    ac_task_group *g = ac_task_group_new();
    ac_task_group_spawn(g, give_nothing());
    long v = 0;
    await(ac_task_group_join_next(g, &v));
    printf("not aborted\n");
    return 0;
}

/* Members of three types, each taken into a variable of its own type, NULL or a void *. */
static async int mixed(void)
{
    ac_task_group *g = ac_task_group_new();
    ac_task_group_spawn(g, give_long());
    long l = 0;
    CHECK_EQ(await(ac_task_group_join_next(g, &l)), 0);
    CHECK(l == 0x1122334455667788L);
    ac_task_group_spawn(g, give_int(5));
    struct guarded s = {0, 77};
    CHECK_EQ(await(ac_task_group_join_next(g, &s.value)), 0);
    CHECK_EQ(s.value, 5);
    CHECK_EQ(s.canary, 77);
    ac_task_group_spawn(g, give_nothing());
    CHECK_EQ(await(ac_task_group_join_next(g, NULL)), 0);
    ac_task_group_spawn(g, give_long());
    void *p = &l;
    l = 0;
    CHECK_EQ(await(ac_task_group_join_next(g, p)), 0); /* no size known: no check */
    CHECK(l == 0x1122334455667788L);
    CHECK_EQ(await(ac_task_group_join_next(g, &l)), -ECHILD);
    ac_task_group_free(g);
    return 1;
}

/* Runs case `which` in a child process, which must abort saying must_say on stderr. */
static void expect_abort(int which, const char *must_say)
{
    int fds[2];
    CHECK_EQ(pipe(fds), 0);
    fflush(NULL);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        dup2(fds[1], 2);
        close(fds[0]);
        if (which == 0)
            ac_block_on(long_into_int());
        else
            ac_block_on(nothing_into_long());
        fflush(stdout);
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
    printf("aborted as expected: %s", strstr(out, "ac_task_group_join_next"));
}

int main(void)
{
    /* The runtime must not be running when we fork. */
    expect_abort(0, "runs give_long, which returns 8 bytes, but the variable given for its "
                    "result has 4 bytes");
    expect_abort(1, "runs give_nothing, which returns nothing, but a variable of 8 bytes");
    CHECK_EQ(ac_block_on(mixed()), 1);
    ac_runtime_shutdown();
    printf("group_typed: ok\n");
    return 0;
}
