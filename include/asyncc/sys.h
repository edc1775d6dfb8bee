/* asyncc/sys.h: the few names of the C library that the API's declarations use, without the C
 * library's headers: a program's own accept, send, poll, select, uint or ssize_t would clash
 * with what <sys/socket.h>, <sys/types.h> or <poll.h> declare. */
#ifndef ASYNCC_SYS_H
#define ASYNCC_SYS_H

/* The results' names (-ECANCELED, -ETIMEDOUT...) from the kernel's header: the C library's
 * <errno.h> includes <features.h>, which would fix the feature-test macros before a program's
 * own `#define _GNU_SOURCE` after this header (sqlite3.c's), and hide mremap or pipe2. A program
 * that reads errno includes <errno.h>, as in C. */
#include <linux/errno.h>
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
