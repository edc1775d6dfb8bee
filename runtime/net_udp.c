/* runtime/net_udp.c: datagrams (asyncc/udp.h): sendto and recvfrom as io_uring SENDMSG and
 * RECVMSG with the message header in the frame, sendmsg/recvmsg on the caller's, ac_udp_bind. */
#include <errno.h>
#include <string.h>

#include "asyncc/udp.h"
#include "io_op.h"
#include "net_addr.h"

static void prep_sendmsg(struct io_uring_sqe *sqe, struct ac__io_frame *f)
{
    io_uring_prep_sendmsg(sqe, f->u.msg.fd, &f->u.msg.hdr, (unsigned)f->u.msg.flags | MSG_NOSIGNAL);
}

static void prep_recvmsg(struct io_uring_sqe *sqe, struct ac__io_frame *f)
{
    io_uring_prep_recvmsg(sqe, f->u.msg.fd, &f->u.msg.hdr, (unsigned)f->u.msg.flags);
}

static int finish_recvfrom(struct ac__io_frame *f, int res)
{
    struct ac__io_msg *m = &f->u.msg;
    if (res >= 0) {
        size_t got = (size_t)res < m->iov.iov_len ? (size_t)res : m->iov.iov_len;
        AC__KERNEL_WROTE(m->iov.iov_base, got);
        if (m->addrlen) {
            AC__KERNEL_WROTE(m->hdr.msg_name, m->hdr.msg_namelen < *m->addrlen
                                                  ? m->hdr.msg_namelen : *m->addrlen);
            *m->addrlen = m->hdr.msg_namelen;
        }
    }
    return ac__io_finish(f, res);
}

static const struct ac__io_desc sendto_desc = {prep_sendmsg, ac__io_finish};
static const struct ac__io_desc recvfrom_desc = {prep_recvmsg, finish_recvfrom};

/* sendto/recvfrom: the message header the kernel reads while in flight is in the frame. */
static struct ac__io_msg *msg_init(void *frame, const struct ac__io_desc *desc, int fd,
                                  const void *buf, size_t len, int flags)
{
    struct ac__io_frame *f = ac__io_frame_init(frame, desc);
    struct ac__io_msg *m = &f->u.msg;
    m->fd = fd;
    m->flags = flags;
    memset(&m->hdr, 0, sizeof m->hdr);
    m->iov.iov_base = (void *)buf;
    m->iov.iov_len = len;
    m->hdr.msg_iov = &m->iov;
    m->hdr.msg_iovlen = 1;
    m->addrlen = NULL;
    return m;
}

AC__IO_TYPE(ac_sendto, sendto_desc, long, msg);
AC_EXPORT void ac__init_ac_sendto(void *frame, int fd, const void *buf, size_t len, int flags,
                                  const struct sockaddr *addr, socklen_t addrlen);
void ac__init_ac_sendto(void *frame, int fd, const void *buf, size_t len, int flags,
                        const struct sockaddr *addr, socklen_t addrlen)
{
    struct ac__io_msg *m = msg_init(frame, &sendto_desc, fd, buf, len, flags);
    if (addr) {
        if (addrlen > sizeof m->addr)
            addrlen = sizeof m->addr;
        memcpy(&m->addr, addr, addrlen);
        m->hdr.msg_name = &m->addr;
        m->hdr.msg_namelen = addrlen;
    }
}

AC__IO_TYPE(ac_recvfrom, recvfrom_desc, long, msg);
AC_EXPORT void ac__init_ac_recvfrom(void *frame, int fd, void *buf, size_t len, int flags,
                                    struct sockaddr *addr, socklen_t *addrlen);
void ac__init_ac_recvfrom(void *frame, int fd, void *buf, size_t len, int flags,
                          struct sockaddr *addr, socklen_t *addrlen)
{
    struct ac__io_msg *m = msg_init(frame, &recvfrom_desc, fd, buf, len, flags);
    if (addr && addrlen) {
        m->hdr.msg_name = addr;
        m->hdr.msg_namelen = *addrlen;
        m->addrlen = addrlen;
    }
}

/* sendmsg/recvmsg: the caller's header, kept in the rw part (buf is the msghdr). */
static void prep_user_sendmsg(struct io_uring_sqe *sqe, struct ac__io_frame *f)
{
    io_uring_prep_sendmsg(sqe, f->u.rw.fd, (const struct msghdr *)f->u.rw.buf,
                          (unsigned)f->u.rw.flags | MSG_NOSIGNAL);
}

static void prep_user_recvmsg(struct io_uring_sqe *sqe, struct ac__io_frame *f)
{
    io_uring_prep_recvmsg(sqe, f->u.rw.fd, (struct msghdr *)f->u.rw.buf, (unsigned)f->u.rw.flags);
}

static int finish_user_recvmsg(struct ac__io_frame *f, int res)
{
    struct msghdr *msg = (struct msghdr *)f->u.rw.buf;
    AC__KERNEL_WROTE(msg, sizeof *msg);
    size_t left = res > 0 ? (size_t)res : 0;
    for (size_t i = 0; i < msg->msg_iovlen && left; i++) {
        size_t n = msg->msg_iov[i].iov_len < left ? msg->msg_iov[i].iov_len : left;
        AC__KERNEL_WROTE(msg->msg_iov[i].iov_base, n);
        left -= n;
    }
    if (res >= 0 && msg->msg_name)
        AC__KERNEL_WROTE(msg->msg_name, msg->msg_namelen);
    if (res >= 0 && msg->msg_control)
        AC__KERNEL_WROTE(msg->msg_control, msg->msg_controllen);
    return ac__io_finish(f, res);
}

static const struct ac__io_desc sendmsg_desc = {prep_user_sendmsg, ac__io_finish};
static const struct ac__io_desc recvmsg_desc = {prep_user_recvmsg, finish_user_recvmsg};

static void init_user_msg(void *frame, const struct ac__io_desc *desc, int fd,
                          const struct msghdr *msg, int flags)
{
    struct ac__io_frame *f = ac__io_frame_init(frame, desc);
    f->u.rw.fd = fd;
    f->u.rw.buf = (char *)msg;
    f->u.rw.flags = flags;
}

AC__IO_TYPE(ac_sendmsg, sendmsg_desc, long, rw);
AC_EXPORT void ac__init_ac_sendmsg(void *frame, int fd, const struct msghdr *msg, int flags);
void ac__init_ac_sendmsg(void *frame, int fd, const struct msghdr *msg, int flags)
{
    init_user_msg(frame, &sendmsg_desc, fd, msg, flags);
}

AC__IO_TYPE(ac_recvmsg, recvmsg_desc, long, rw);
AC_EXPORT void ac__init_ac_recvmsg(void *frame, int fd, struct msghdr *msg, int flags);
void ac__init_ac_recvmsg(void *frame, int fd, struct msghdr *msg, int flags)
{
    init_user_msg(frame, &recvmsg_desc, fd, msg, flags);
}

int ac_udp_bind(const char *host, unsigned short port)
{
    struct sockaddr_storage ss;
    socklen_t len;
    int r = ac__addr_numeric(host, port, &ss, &len);
    return r < 0 ? r : ac__socket_bound((struct sockaddr *)&ss, len, SOCK_DGRAM, 0);
}
