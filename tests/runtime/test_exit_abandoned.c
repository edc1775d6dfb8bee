/* tests/runtime/test_exit_abandoned.c (async C): when async main returns, the process ends even
 * though an ac_spawn_blocking call dropped by a timeout is still blocked in its fn (a read from
 * a pipe nobody writes to, which never returns): the shutdown waited for every pool job, so the
 * process hung at exit for as long as fn did. The program runs itself (argv[0], not under
 * valgrind) as a child under a 60 s alarm and checks the child's output and exit status. A job
 * still awaited (by a task the shutdown drops) is the same; one that returns is waited for
 * (runtime.sync). */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

static int never_written[2];

static long read_forever(void *arg)
{
    (void)arg;
    char c;
    return (long)read(never_written[0], &c, 1);
}

static async int sleep_then_block(void)
{
    return (int)await(ac_spawn_blocking(read_forever, NULL));
}

static void hung(int sig)
{
    (void)sig;
    static const char msg[] = "exit_abandoned: the child has not exited 60 s after its main returned\n";
    if (write(2, msg, sizeof msg - 1) < 0) {
    }
    _exit(1);
}

/* The child: two blocked pool jobs, one dropped by a timeout, one held by a task main leaves
 * running; main returns 7. */
static async int child(void)
{
    CHECK_EQ(pipe(never_written), 0);
    CHECK_EQ(await(ac_timeout(20, ac_spawn_blocking(read_forever, NULL))), -ETIMEDOUT);
    ac_task *t = ac_spawn(sleep_then_block());
    await(ac_sleep_ms(20));
    ac_task_detach(t);
    printf("main returns\n");
    return 7;
}

async int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "child") == 0)
        return await(child());
    int out[2];
    CHECK_EQ(pipe(out), 0);
    pid_t pid = fork();
    CHECK_INT(>=, pid, 0);
    if (pid == 0) {
        dup2(out[1], 1);
        execl(argv[0], argv[0], "child", (char *)NULL);
        _exit(127);
    }
    close(out[1]);
    signal(SIGALRM, hung);
    alarm(60);
    char text[64] = {0};
    size_t len = 0;
    ssize_t n;
    while (len < sizeof text - 1 && (n = read(out[0], text + len, sizeof text - 1 - len)) > 0)
        len += (size_t)n;
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    alarm(0);
    CHECK(WIFEXITED(status));
    CHECK_EQ(WEXITSTATUS(status), 7);
    CHECK(strcmp(text, "main returns\n") == 0);
    printf("exit_abandoned: ok\n");
    return 0;
}
