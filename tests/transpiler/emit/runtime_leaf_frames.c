// Every leaf future of the runtime promises a frame bound in its header (ac__frame_size_NAME),
// so awaiting one embeds its frame in the caller's: no await of the runtime allocates.
// RUN: %asyncc --emit=frames %s | %FileCheck %s
#include <asyncc.h>
#include <stddef.h>
#include <fcntl.h>
#include <netinet/in.h>

async long all_leaves(ac_mpsc *ch, ac_oneshot *o, ac_broadcast_rx *rx, ac_semaphore *sem,
                      ac_mutex *m, ac_notify *n, ac_task *t)
{
    char buf[16];
    struct stat st;
    struct sockaddr_in sa = {0};
    socklen_t len = sizeof sa;
    long r = 0;
    int fd = await(ac_open("/dev/null", O_RDONLY, 0));
    r += await(ac_read(fd, buf, sizeof buf));
    r += await(ac_write(fd, buf, 1));
    r += await(ac_pread(fd, buf, sizeof buf, 0));
    r += await(ac_pwrite(fd, buf, 1, 0));
    r += await(ac_read_exact(fd, buf, 1));
    r += await(ac_write_all(fd, buf, 1));
    r += await(ac_fsync(fd));
    r += await(ac_stat("/", &st));
    r += await(ac_close(fd));
    r += await(ac_read_file("/", buf, sizeof buf));
    int s = await(ac_socket(AF_INET, SOCK_STREAM, 0));
    r += await(ac_connect(s, (struct sockaddr *)&sa, len));
    r += await(ac_accept(s, (struct sockaddr *)&sa, &len));
    r += await(ac_recv(s, buf, sizeof buf, 0));
    r += await(ac_send(s, buf, 1, 0));
    r += await(ac_shutdown(s, SHUT_RDWR));
    r += await(ac_mpsc_send(ch, &r));
    r += await(ac_mpsc_recv(ch, &r));
    r += await(ac_oneshot_recv(o, &r));
    r += await(ac_broadcast_recv(rx, &r));
    r += await(ac_semaphore_acquire(sem, 1));
    await(ac_mutex_lock(m));
    await(ac_notify_wait(n));
    r += await(ac_task_join(t, NULL));
    r += await(ac_spawn_blocking(NULL, NULL));
    await(ac_sleep_ms(1));
    await(ac_sleep_until(1));
    ac_interval iv;
    ac_interval_init(&iv, 1);
    r += (long)await(ac_interval_tick(&iv));
    await(ac_yield());
    return r;
}
// CHECK-LABEL: async long all_leaves
// CHECK-NOT: task arena
// CHECK-COUNT-30: child frame, inside this frame (size from its header)
// CHECK-NOT: task arena
// CHECK: states:
