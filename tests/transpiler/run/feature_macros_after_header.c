// <asyncc.h> fixes no feature-test macro: a program that defines _GNU_SOURCE after including it
// (sqlite3.c defines it itself, below whatever a user puts first) still gets glibc's GNU
// declarations. The header took the error names from the C library's <errno.h>, whose
// <features.h> fixed the feature set first: mremap and pipe2 were undeclared.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

async int gnu_calls(void)
{
    int fds[2];
    await(ac_yield());
    if (pipe2(fds, O_CLOEXEC) != 0)
        return -errno;
    void *p = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    void *q = mremap(p, 4096, 8192, MREMAP_MAYMOVE);
    close(fds[0]);
    close(fds[1]);
    return q != MAP_FAILED && munmap(q, 8192) == 0;
}

async int main(void)
{
    printf("%d %d\n", await(gnu_calls()), ECANCELED > 0);
    // CHECK: 1 1
    return 0;
}
// CHECK-NEXT: exit: 0
