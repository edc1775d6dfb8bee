/* asyncc/sys.h: the few names of the C library that the API's declarations use, without the C
 * library's headers: a program's own accept, send, poll, select, uint or ssize_t would clash
 * with what <sys/socket.h>, <sys/types.h> or <poll.h> declare. */
#ifndef ASYNCC_SYS_H
#define ASYNCC_SYS_H

#include <errno.h> /* the results: -ECANCELED, -ETIMEDOUT... */
/* size_t alone from the compiler's <stddef.h>, as <sys/types.h> takes it: a program may define
 * its own NULL or offsetof (tests/transpiler/run/own_typedefs.c). */
#define __need_size_t
#include <stddef.h>

/* As glibc defines it, under glibc's own guard: <sys/socket.h> after this adds nothing. */
#ifndef __socklen_t_defined
typedef unsigned int socklen_t;
#define __socklen_t_defined
#endif

/* Pointed to by the declarations; a program that uses them includes their headers. */
struct sockaddr;
struct msghdr;
struct iovec;
struct stat;

#endif
