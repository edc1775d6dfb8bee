/* runtime/net_lookup.c: ac_lookup_host: getaddrinfo on the blocking pool (a job that owns its
 * copy of the question and shares its answer by reference count), numeric hosts at once. */
#include <errno.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>

#include "asyncc/sync.h"
#include "asyncc/tcp.h"
#include "net_addr.h"
#include "task.h"

extern const ac_future_type ac__type_ac_spawn_blocking;
void ac__init_ac_spawn_blocking(void *frame, long (*fn)(void *), void *arg);

/* Owned by the lookup future and the pool thread together: a dropped future leaves the job to
 * the thread, which frees it when getaddrinfo returns. */
struct lookup_job {
    _Atomic int refs;
    unsigned short port;
    int socktype, max, count;
    char *host;
    ac_sockaddr addrs[];
};

static void job_unref(struct lookup_job *j)
{
    if (atomic_fetch_sub_explicit(&j->refs, 1, memory_order_acq_rel) == 1) {
        free(j->host);
        free(j);
    }
}

static int gai_errno(int e)
{
    switch (e) {
    case EAI_NONAME:
#ifdef EAI_NODATA
    case EAI_NODATA:
#endif
#ifdef EAI_ADDRFAMILY
    case EAI_ADDRFAMILY:
#endif
        return -ENOENT;
    case EAI_AGAIN:
        return -EAGAIN;
    case EAI_MEMORY:
        return -ENOMEM;
    case EAI_SYSTEM:
        return errno ? -errno : -EIO;
    case EAI_SERVICE:
    case EAI_SOCKTYPE:
    case EAI_FAMILY:
    case EAI_BADFLAGS:
        return -EINVAL;
    default:
        return -EIO;
    }
}

/* On a pool thread: may block for as long as the resolver takes. */
static long lookup_run(void *arg)
{
    struct lookup_job *j = arg;
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = j->socktype;
    /* No AI_ADDRCONFIG (nor does Rust's std): on a host whose only IPv6 address is loopback it
     * drops ::1 too, and a server listening on [::1] alone is then not found by name. */
    hints.ai_flags = j->host ? 0 : AI_PASSIVE;
    char port[8];
    snprintf(port, sizeof port, "%u", j->port);
    int e = getaddrinfo(j->host, port, &hints, &res);
    long r = e ? gai_errno(e) : 0;
    for (struct addrinfo *a = res; a && j->count < j->max; a = a->ai_next) {
        if (a->ai_addrlen > sizeof j->addrs[0].addr)
            continue;
        memcpy(&j->addrs[j->count].addr, a->ai_addr, a->ai_addrlen);
        j->addrs[j->count++].len = a->ai_addrlen;
    }
    if (res)
        freeaddrinfo(res);
    if (!e && j->count == 0)
        r = -ENOENT;
    r = r < 0 ? r : j->count;
    job_unref(j);
    return r;
}

struct lookup_frame {
    unsigned state; /* 0, 1: the job runs, DONE */
    int ret;
    const char *host;
    unsigned short port;
    int socktype, max;
    ac_sockaddr *out;
    struct lookup_job *job;
    _Alignas(16) unsigned char blocking[ac__frame_size_ac_spawn_blocking];
};

static int finish(struct lookup_frame *f, int ret)
{
    f->ret = ret;
    f->state = AC_STATE_DONE;
    return AC_READY;
}

static int start(struct lookup_frame *f, ac_cx *cx)
{
    if (f->max <= 0)
        return finish(f, -EINVAL);
    if (ac__addr_numeric(f->host, f->port, &f->out[0].addr, &f->out[0].len) == 0)
        return finish(f, 1);
    size_t max = f->max < 64 ? (size_t)f->max : 64;
    struct lookup_job *j = calloc(1, sizeof *j + max * sizeof(ac_sockaddr));
    if (!j || !(j->host = strdup(f->host))) {
        free(j);
        return finish(f, -ENOMEM);
    }
    atomic_init(&j->refs, 2);
    j->port = f->port;
    j->socktype = f->socktype;
    j->max = (int)max;
    f->job = j;
    ac__init_ac_spawn_blocking(f->blocking, lookup_run, j);
    f->state = 1;
    (void)cx;
    return AC_PENDING;
}

static int lookup_poll(void *frame, ac_cx *cx)
{
    struct lookup_frame *f = frame;
    if (f->state == 0) {
        if (!ac__coop_check(cx)) /* a numeric address completes it at once */
            return AC_PENDING;
        if (start(f, cx) == AC_READY) {
            ac__coop_charge(cx);
            return AC_READY;
        }
    }
    if (ac__type_ac_spawn_blocking.poll(f->blocking, cx) == AC_PENDING)
        return AC_PENDING;
    long r = *(long *)(f->blocking + ac__type_ac_spawn_blocking.result_offset);
    struct lookup_job *j = f->job;
    f->job = NULL;
    if (r > 0)
        memcpy(f->out, j->addrs, (size_t)r * sizeof(ac_sockaddr));
    job_unref(j);
    return finish(f, (int)r);
}

static void lookup_drop(void *frame, ac_cx *cx)
{
    struct lookup_frame *f = frame;
    if (f->state == 1) {
        ac__type_ac_spawn_blocking.drop(f->blocking, cx);
        job_unref(f->job);
        f->job = NULL;
    }
    f->state = AC_STATE_DONE;
}

AC__LEAF_TYPE(ac_lookup_host, struct lookup_frame, ret, lookup_poll, lookup_drop, "host lookup");

AC_EXPORT void ac__init_ac_lookup_host(void *frame, const char *host, unsigned short port,
                                       int socktype, ac_sockaddr *out, int max);
void ac__init_ac_lookup_host(void *frame, const char *host, unsigned short port, int socktype,
                             ac_sockaddr *out, int max)
{
    struct lookup_frame *f = frame;
    f->state = 0;
    f->ret = 0;
    f->host = host;
    f->port = port;
    f->socktype = socktype;
    f->out = out;
    f->max = max;
    f->job = NULL;
}
