/* tests/runtime/test_budget_lib.c (async C): the services library's futures that can complete at
 * once charge the cooperative budget too (test_budget.c covers the core's), so on a
 * current-thread runtime a loop over one of them lets a ticker task run: a cancelled token, a
 * barrier of one, both locks of a free rwlock, a watch with a new value, an unbounded channel's
 * send and receive, a reserve with room, a pending signal, a bad signal number, finished task
 * group members, a readable pipe, buffered reads served from the buffer, a collected child, a
 * numeric host lookup, an empty sendfile, a pread its arguments refuse, and Unix connects to
 * paths refused before any attempt (empty, too long). */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include "test.h"

#define ITERATIONS 20000 /* about 150 budgets of 128 */
#define MEMBERS 2048     /* finished task group members: 16 budgets */

enum kind {
    CANCEL_TOKEN,
    BARRIER_OF_ONE,
    RWLOCK_READ,
    RWLOCK_WRITE,
    WATCH_CHANGED,
    UNBOUNDED_SEND,
    UNBOUNDED_RECV,
    MPSC_RESERVE,
    SIGNAL_RECV,
    SIGNAL_BAD,
    GROUP_JOIN_NEXT,
    FD_READABLE,
    BUF_READ_LINE,
    BUF_READ_EXACT,
    CHILD_WAIT,
    LOOKUP_NUMERIC,
    SENDFILE_EMPTY,
    PREAD_REFUSED,
    UNIX_CONNECT_EMPTY,
    UNIX_CONNECT_LONG,
    NKINDS
};
static const char *const kind_names[] = {
    "ac_cancel_token_cancelled", "ac_barrier_wait (of 1)", "ac_rwlock_read", "ac_rwlock_write",
    "ac_watch_changed (new value)", "ac_mpsc_send (unbounded)", "ac_mpsc_recv (unbounded)",
    "ac_mpsc_reserve (room)", "ac_signal_recv (delivered)", "ac_signal (bad number)",
    "ac_task_group_join_next", "ac_fd_readable (data there)", "ac_buf_read_line (buffered)",
    "ac_buf_read_exact (buffered)", "ac_child_wait (collected)", "ac_lookup_host (numeric)",
    "ac_sendfile (0 bytes)", "ac_pread (negative offset)", "ac_unix_connect (empty path)",
    "ac_unix_connect (path too long)"};

static atomic_long ticks;
static atomic_int stop, finished_members;

static async void ticker(void)
{
    while (!atomic_load(&stop)) {
        atomic_fetch_add(&ticks, 1);
        await(ac_yield());
    }
}

static async int member(void)
{
    atomic_fetch_add(&finished_members, 1);
    return 1;
}

/* What the loops use, made once. */
static ac_cancel_token *token;
static ac_barrier *barrier;
static ac_rwlock *rwlock;
static ac_watch *watch;
static ac_watch_rx *watch_rx;
static ac_mpsc *unbounded, *bounded;
static ac_signal_listener listener;
static int pipe_fds[2], file_fd;
static ac_bufreader *reader;
static ac_child child;
static char long_path[200]; /* beyond sun_path's 108 bytes */

/* Keeps the reader supplied: bytes are written to its pipe and read into its buffer only when
 * the buffer is empty, so nearly every read is served from the buffer. */
static async void refill(const char *unit)
{
    size_t have;
    ac_buf_data(reader, &have);
    if (have)
        return;
    char block[4096];
    size_t n = strlen(unit), len = sizeof block / n * n;
    for (size_t i = 0; i < len; i += n)
        memcpy(block + i, unit, n);
    CHECK_EQ(write(pipe_fds[1], block, len), (long)len);
    CHECK_EQ(await(ac_buf_fill(reader)), (long)len);
}

/* Awaits the kind's future, ready at once, n times; returns the ticker's turns meanwhile. */
static async long busy(enum kind k, int n)
{
    long before = atomic_load(&ticks);
    int v = 0, one = 1;
    char c;
    const char *line;
    ac_sockaddr addr;
    for (int i = 0; i < n; i++) {
        switch (k) {
        case CANCEL_TOKEN:
            await(ac_cancel_token_cancelled(token));
            break;
        case BARRIER_OF_ONE:
            CHECK_EQ(await(ac_barrier_wait(barrier)), 1);
            break;
        case RWLOCK_READ:
            await(ac_rwlock_read(rwlock));
            ac_rwlock_read_unlock(rwlock);
            break;
        case RWLOCK_WRITE:
            await(ac_rwlock_write(rwlock));
            ac_rwlock_write_unlock(rwlock);
            break;
        case WATCH_CHANGED:
            CHECK_EQ(ac_watch_send(watch, &i), 1); /* one receiver */
            CHECK_EQ(await(ac_watch_changed(watch_rx, &v)), 0);
            CHECK_EQ(v, i);
            break;
        case UNBOUNDED_SEND:
            CHECK_EQ(await(ac_mpsc_send(unbounded, &one)), 0);
            CHECK_EQ(ac_mpsc_try_recv(unbounded, &v), 0);
            break;
        case UNBOUNDED_RECV:
            CHECK_EQ(ac_mpsc_try_send(unbounded, &i), 0);
            CHECK_EQ(await(ac_mpsc_recv(unbounded, &v)), 0);
            CHECK_EQ(v, i);
            break;
        case MPSC_RESERVE:
            CHECK_EQ(await(ac_mpsc_reserve(bounded)), 0);
            ac_mpsc_permit_release(bounded);
            break;
        case SIGNAL_RECV:
            /* raise() runs the handler before it returns: the delivery is counted already. */
            CHECK_EQ(raise(SIGUSR2), 0);
            CHECK_EQ(await(ac_signal_recv(&listener)), 0);
            break;
        case SIGNAL_BAD:
            CHECK_EQ(await(ac_signal(SIGKILL)), -EINVAL);
            break;
        case GROUP_JOIN_NEXT:
            break; /* see main: the group is its own loop */
        case FD_READABLE:
            CHECK_INT(&, await(ac_fd_readable(pipe_fds[0])), POLLIN);
            break;
        case BUF_READ_LINE:
            await(refill("x\n"));
            CHECK_EQ(await(ac_buf_read_line(reader, &line)), 2);
            break;
        case BUF_READ_EXACT:
            await(refill("y"));
            CHECK_EQ(await(ac_buf_read_exact(reader, &c, 1)), 1);
            CHECK_EQ(c, 'y');
            break;
        case CHILD_WAIT:
            CHECK_EQ(await(ac_child_wait(&child)), 0);
            break;
        case LOOKUP_NUMERIC:
            CHECK_EQ(await(ac_lookup_host("127.0.0.1", 80, SOCK_STREAM, &addr, 1)), 1);
            break;
        case SENDFILE_EMPTY:
            CHECK_EQ(await(ac_sendfile(pipe_fds[1], file_fd, 0, 0)), 0);
            break;
        case PREAD_REFUSED:
            CHECK_EQ(await(ac_pread(file_fd, &c, 1, -1)), -EINVAL);
            break;
        case UNIX_CONNECT_EMPTY:
            CHECK_EQ(await(ac_unix_connect("")), -ENOENT);
            break;
        case UNIX_CONNECT_LONG:
            CHECK_EQ(await(ac_unix_connect(long_path)), -ENAMETOOLONG);
            break;
        default:
            CHECK(0);
        }
    }
    return atomic_load(&ticks) - before;
}

/* join_next over members that all finished before the loop starts. */
static async long busy_group(void)
{
    ac_task_group *g = ac_task_group_new();
    for (int i = 0; i < MEMBERS; i++)
        ac_task_group_add(g, ac_spawn(member()));
    /* Each yield lets every task queued before it run: the members, then their watchers. */
    while (atomic_load(&finished_members) < MEMBERS)
        await(ac_yield());
    for (int i = 0; i < 4; i++)
        await(ac_yield());
    long before = atomic_load(&ticks);
    for (int i = 0; i < MEMBERS; i++) {
        int r = 0;
        CHECK_EQ(await(ac_task_group_join_next(g, &r)), 0);
        CHECK_EQ(r, 1);
    }
    long turns = atomic_load(&ticks) - before;
    CHECK_EQ(await(ac_task_group_join_next(g, NULL)), -ECHILD);
    ac_task_group_free(g);
    return turns;
}

static async int root(void)
{
    token = ac_cancel_token_new();
    ac_cancel_token_cancel(token);
    barrier = ac_barrier_new(1);
    rwlock = ac_rwlock_new();
    int zero = 0;
    watch = ac_watch_new(sizeof(int), &zero);
    watch_rx = ac_watch_subscribe(watch);
    unbounded = ac_mpsc_unbounded_new(sizeof(int));
    bounded = ac_mpsc_new(sizeof(int), 4);
    CHECK_EQ(ac_signal_listen(&listener, SIGUSR2), 0);
    CHECK_EQ(pipe(pipe_fds), 0);
    reader = ac_bufreader_new(pipe_fds[0], 8192);
    file_fd = open("/dev/null", O_RDONLY);
    CHECK(file_fd >= 0);
    char *argv[] = {"true", NULL};
    CHECK_EQ(ac_child_spawn(&child, "true", argv, NULL), 0);
    CHECK_EQ(await(ac_child_wait(&child)), 0); /* collected: every later wait is at once */
    memset(long_path, 'p', sizeof long_path - 1);

    ac_task *tick = ac_spawn(ticker());
    for (int k = 0; k < NKINDS; k++) {
        int n = k == GROUP_JOIN_NEXT ? MEMBERS : ITERATIONS;
        if (k == FD_READABLE)
            CHECK_EQ(write(pipe_fds[1], "z", 1), 1); /* stays unread: the pipe stays readable */
        long turns = k == GROUP_JOIN_NEXT ? await(busy_group()) : await(busy((enum kind)k, n));
        if (k == FD_READABLE) {
            char z;
            CHECK_EQ(await(ac_read(pipe_fds[0], &z, 1)), 1);
        }
        size_t left; /* the next kind starts with an empty buffer */
        ac_buf_data(reader, &left);
        ac_buf_consume(reader, left);
        printf("budget: %-30s %d awaits, the ticker ran %ld times\n", kind_names[k], n, turns);
        if (turns < n / 256) { /* one turn per budget of 128 is expected */
            fprintf(stderr, "budget: a loop over %s starved the ticker: %ld turns in %d awaits\n",
                    kind_names[k], turns, n);
            abort();
        }
    }
    atomic_store(&stop, 1);
    await(ac_task_join(tick, NULL));

    ac_child_close(&child);
    close(file_fd);
    ac_bufreader_free(reader);
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    ac_signal_unlisten(&listener);
    ac_mpsc_receiver_close(bounded);
    ac_mpsc_sender_close(bounded);
    ac_mpsc_receiver_close(unbounded);
    ac_mpsc_sender_close(unbounded);
    ac_watch_rx_close(watch_rx);
    ac_watch_close(watch);
    ac_rwlock_free(rwlock);
    ac_barrier_free(barrier);
    ac_cancel_token_free(token);
    return 0;
}

int main(void)
{
    test_current_thread();
    CHECK_EQ(ac_block_on(root()), 0);
    ac_runtime_shutdown();
    return 0;
}
