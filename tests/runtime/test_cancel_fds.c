/* tests/runtime/test_cancel_fds.c (async C): a call that makes a descriptor (ac_open,
 * ac_socket, ac_accept), dropped by a select in the instant the kernel completes it, leaves no
 * descriptor open: nobody else will ever see the number. On io_uring each such drop leaked one
 * (the cancel goes to the kernel behind the op, which completes first), and a server that
 * put its accept under a timeout or beside a shutdown signal lost a connection on every race,
 * left open for the life of the process. Also the drops that the kernel does cancel, and the
 * ones on the epoll backend's pool (an open that creates). */
#include <dirent.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "test.h"

#define ROUNDS 300

static int open_fds(void)
{
    int n = 0;
    DIR *d = opendir("/proc/self/fd");
    CHECK(d != NULL);
    for (struct dirent *e; (e = readdir(d));)
        n += e->d_name[0] != '.';
    closedir(d);
    return n - 1; /* the directory's own */
}

static async void connector(unsigned short port, int n)
{
    for (int i = 0; i < n; i++) {
        int fd = await(ac_tcp_connect("127.0.0.1", port));
        CHECK(fd >= 0);
        await(ac_close(fd));
    }
}

async int main(void)
{
    char path[] = "/tmp/asyncc-cancel-fds-XXXXXX";
    int tmp = mkstemp(path);
    CHECK(tmp >= 0);
    close(tmp);
    int lfd = ac_tcp_listen("127.0.0.1", 0, ROUNDS + 16);
    CHECK(lfd >= 0);
    int before = open_fds();
    int won[3] = {0}, lost[3] = {0};
    for (int i = 0; i < ROUNDS; i++) {
        int fd = -1;
        int which = i % 2 ? await(ac_select(fd = ac_open(path, O_RDONLY, 0), ac_sleep_us(0)))
                          : await(ac_select(fd = ac_open(path, O_RDWR | O_CREAT, 0600), ac_sleep_us(0)));
        if (which == 0) {
            CHECK(fd >= 0);
            CHECK_EQ(await(ac_close(fd)), 0);
        }
        won[0] += which == 0;
        lost[0] += which == 1;
        which = await(ac_select(fd = ac_socket(AF_INET, SOCK_STREAM, 0), ac_sleep_us(0)));
        if (which == 0)
            CHECK_EQ(await(ac_close(fd)), 0);
        won[1] += which == 0;
        lost[1] += which == 1;
    }
    CHECK_EQ(open_fds(), before);
    /* Connections waiting in the backlog: each accept dropped at once, others by a timer. */
    ac_task *c = ac_spawn(connector((unsigned short)ac_socket_port(lfd), ROUNDS));
    for (int i = 0; i < 3 * ROUNDS; i++) {
        int fd = -1;
        int which = await(ac_select(fd = ac_accept(lfd, NULL, NULL), ac_sleep_us((unsigned)(i % 3) * 20)));
        if (which == 0)
            CHECK_EQ(await(ac_close(fd)), 0);
        won[2] += which == 0;
        lost[2] += which == 1;
    }
    CHECK_EQ(await(ac_task_join(c, NULL)), 0);
    for (int fd = -1; await(ac_timeout(20, fd = ac_accept(lfd, NULL, NULL))) == 0; won[2]++)
        CHECK_EQ(await(ac_close(fd)), 0);
    CHECK_EQ(open_fds(), before);
    printf("cancel_fds: open %d won, %d dropped; socket %d won, %d dropped; accept %d won, %d "
           "dropped; no descriptor left open\n", won[0], lost[0], won[1], lost[1], won[2], lost[2]);
    CHECK_EQ(await(ac_close(lfd)), 0);
    unlink(path);
    return 0;
}
