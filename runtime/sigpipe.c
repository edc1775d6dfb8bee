/* runtime/sigpipe.c: writes into sockets that raise no SIGPIPE when the program has its own
 * handler: which descriptors to send to with MSG_NOSIGNAL, and a hold for splice and sendfile. */
#include <errno.h>
#include <signal.h>
#include <sys/stat.h>
#include <time.h>

#include "io_op.h"
#include "worker.h"

bool ac__send_quietly(int fd)
{
    struct stat st;
    return !atomic_load_explicit(&ac__sigpipe_ignored, memory_order_relaxed) &&
           fstat(fd, &st) == 0 && S_ISSOCK(st.st_mode);
}

/* splice(2) and sendfile(2) have no MSG_NOSIGNAL: the signal a peer's hang-up raises is kept
 * pending on this thread while it is blocked, then taken back (unless one was pending before,
 * which is not ours to take), as libcurl does around its sends. */
void ac__sigpipe_hold(struct ac__sigpipe_hold *h)
{
    h->held = !atomic_load_explicit(&ac__sigpipe_ignored, memory_order_relaxed);
    if (!h->held)
        return;
    sigset_t pipe_only, pending;
    sigemptyset(&pipe_only);
    sigaddset(&pipe_only, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_only, &h->old);
    h->was_pending = sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE) == 1;
}

void ac__sigpipe_release(struct ac__sigpipe_hold *h, long result)
{
    if (!h->held)
        return;
    if (result == -EPIPE && !h->was_pending) {
        sigset_t pipe_only;
        sigemptyset(&pipe_only);
        sigaddset(&pipe_only, SIGPIPE);
        struct timespec now = {0, 0};
        while (sigtimedwait(&pipe_only, NULL, &now) < 0 && errno == EINTR) {
        }
    }
    pthread_sigmask(SIG_SETMASK, &h->old, NULL);
}
