/* runtime/net_udp.c: datagrams (asyncc/udp.h): sendto and recvfrom as SENDMSG and RECVMSG ops
 * with the message header in the frame, sendmsg/recvmsg on the caller's, ac_udp_bind. */
#include <errno.h>
#include <string.h>

#include "asyncc/udp.h"
#include "io_op.h"
#include "net_addr.h"
#include "task.h"

/* A recvfrom or recvmsg part (ac__io_part_ends). */
static bool part_ends(struct ac__io_frame *f, int res, size_t asked)
{
    return ac__io_part_ends(f, f->op.a.msg.fd, f->op.a.msg.flags, res, asked);
}

static int finish_recvfrom(struct ac__io_frame *f, int res)
{
    struct ac__io_msg *m = &f->x.msg;
    if (res >= 0) {
        size_t got = (size_t)res < m->iov.iov_len ? (size_t)res : m->iov.iov_len;
        AC__KERNEL_WROTE(m->iov.iov_base, got);
        if (m->addrlen) {
            AC__KERNEL_WROTE(m->hdr.msg_name, m->hdr.msg_namelen < *m->addrlen
                                                  ? m->hdr.msg_namelen : *m->addrlen);
            *m->addrlen = m->hdr.msg_namelen;
        }
    }
    if (part_ends(f, res, m->iov.iov_len))
        return 1;
    /* The rest into the rest of the buffer; the sender's address came with the first part. */
    m->iov.iov_base = (char *)m->iov.iov_base + res;
    m->iov.iov_len -= (size_t)res;
    m->hdr.msg_name = NULL;
    m->hdr.msg_namelen = 0;
    m->addrlen = NULL;
    return 0;
}

/* sendto/recvfrom: the message header the kernel reads while in flight is in the frame. */
static struct ac__io_msg *msg_init(void *frame, enum ac__op_kind kind, ac__io_finish_fn *finish,
                                  int fd, const void *buf, size_t len, int flags)
{
    struct ac__io_frame *f = ac__io_frame_init(frame, kind, finish);
    struct ac__io_msg *m = &f->x.msg;
    memset(&m->hdr, 0, sizeof m->hdr);
    m->iov.iov_base = (void *)buf;
    m->iov.iov_len = len;
    m->hdr.msg_iov = &m->iov;
    m->hdr.msg_iovlen = 1;
    m->addrlen = NULL;
    f->op.a.msg.fd = fd;
    f->op.a.msg.flags = flags;
    f->op.a.msg.msg = &m->hdr;
    return m;
}

AC__IO_TYPE(ac_sendto, long, sizeof(struct ac__io_msg));
AC_EXPORT void ac__init_ac_sendto(void *frame, int fd, const void *buf, size_t len, int flags,
                                  const struct sockaddr *addr, socklen_t addrlen);
void ac__init_ac_sendto(void *frame, int fd, const void *buf, size_t len, int flags,
                        const struct sockaddr *addr, socklen_t addrlen)
{
    struct ac__io_msg *m = msg_init(frame, AC__OP_SENDMSG, ac__io_finish, fd, buf, len, flags);
    if (addr) {
        if (addrlen > sizeof m->addr)
            addrlen = sizeof m->addr;
        memcpy(&m->addr, addr, addrlen);
        m->hdr.msg_name = &m->addr;
        m->hdr.msg_namelen = addrlen;
    }
}

AC__IO_TYPE(ac_recvfrom, long, sizeof(struct ac__io_msg));
AC_EXPORT void ac__init_ac_recvfrom(void *frame, int fd, void *buf, size_t len, int flags,
                                    struct sockaddr *addr, socklen_t *addrlen);
void ac__init_ac_recvfrom(void *frame, int fd, void *buf, size_t len, int flags,
                          struct sockaddr *addr, socklen_t *addrlen)
{
    struct ac__io_msg *m = msg_init(frame, AC__OP_RECVMSG, finish_recvfrom, fd, buf, len, flags);
    if (addr && addrlen) {
        m->hdr.msg_name = addr;
        m->hdr.msg_namelen = *addrlen;
        m->addrlen = addrlen;
    }
}

/* sendmsg/recvmsg: the caller's header. */

/* Bytes the header's buffers hold. */
static size_t msg_room(const struct msghdr *msg)
{
    size_t n = 0;
    for (size_t i = 0; i < msg->msg_iovlen; i++)
        n += msg->msg_iov[i].iov_len;
    return n;
}

/* Points the op at the caller's iovecs past the f->ret bytes received (at most 8 of them, the
 * first one adjusted), with no name or control: those came with the first part. */
static void next_part(struct ac__io_frame *f)
{
    typeof(f->x.rmsg) *r = &f->x.rmsg;
    const struct msghdr *user = r->user;
    size_t at = 0, skip = (size_t)f->ret; /* the caller's iovec the next byte goes to; bytes in it */
    for (; at < user->msg_iovlen && skip >= user->msg_iov[at].iov_len; at++)
        skip -= user->msg_iov[at].iov_len;
    size_t n = user->msg_iovlen - at < 8 ? user->msg_iovlen - at : 8;
    memcpy(r->cur, user->msg_iov + at, n * sizeof *r->cur);
    r->cur[0].iov_base = (char *)r->cur[0].iov_base + skip;
    r->cur[0].iov_len -= skip;
    memset(&r->hdr, 0, sizeof r->hdr);
    r->hdr.msg_iov = r->cur;
    r->hdr.msg_iovlen = n;
    f->op.a.msg.msg = &r->hdr;
}

int ac__io_finish_recvmsg(struct ac__io_frame *f, int res)
{
    struct msghdr *msg = f->op.a.msg.msg;
    bool first = msg == f->x.rmsg.user;
    if (first)
        AC__KERNEL_WROTE(msg, sizeof *msg);
    size_t left = res > 0 ? (size_t)res : 0;
    for (size_t i = 0; i < msg->msg_iovlen && left; i++) {
        size_t n = msg->msg_iov[i].iov_len < left ? msg->msg_iov[i].iov_len : left;
        AC__KERNEL_WROTE(msg->msg_iov[i].iov_base, n);
        left -= n;
    }
    if (first && res >= 0 && msg->msg_name)
        AC__KERNEL_WROTE(msg->msg_name, msg->msg_namelen);
    if (first && res >= 0 && msg->msg_control)
        AC__KERNEL_WROTE(msg->msg_control, msg->msg_controllen);
    /* (a later part's msg holds at most 8 of the caller's iovecs: what is asked is the rest of
     * the caller's) */
    if (part_ends(f, res, msg_room(f->x.rmsg.user) - (size_t)f->ret))
        return 1;
    next_part(f);
    return 0;
}

static void init_user_msg(void *frame, enum ac__op_kind kind, ac__io_finish_fn *finish, int fd,
                          const struct msghdr *msg, int flags)
{
    struct ac__io_frame *f = ac__io_frame_init(frame, kind, finish);
    f->op.a.msg.fd = fd;
    f->op.a.msg.msg = (struct msghdr *)msg;
    f->op.a.msg.flags = flags;
}

AC__IO_TYPE(ac_sendmsg, long, 0);
AC_EXPORT void ac__init_ac_sendmsg(void *frame, int fd, const struct msghdr *msg, int flags);
void ac__init_ac_sendmsg(void *frame, int fd, const struct msghdr *msg, int flags)
{
    init_user_msg(frame, AC__OP_SENDMSG, ac__io_finish, fd, msg, flags);
}

AC__IO_TYPE(ac_recvmsg, long, sizeof(((struct ac__io_frame *)0)->x.rmsg));
AC_EXPORT void ac__init_ac_recvmsg(void *frame, int fd, struct msghdr *msg, int flags);
void ac__init_ac_recvmsg(void *frame, int fd, struct msghdr *msg, int flags)
{
    init_user_msg(frame, AC__OP_RECVMSG, ac__io_finish_recvmsg, fd, msg, flags);
    ((struct ac__io_frame *)frame)->x.rmsg.user = msg;
}

int ac_udp_bind(const char *host, unsigned short port)
{
    struct sockaddr_storage ss;
    socklen_t len;
    int r = ac__addr_numeric(host, port, &ss, &len);
    return r < 0 ? r : ac__socket_bound((struct sockaddr *)&ss, len, SOCK_DGRAM, 0);
}
