// <asyncc.h> no longer brings <stdint.h>, <stdio.h>, <sys/stat.h>, <sys/uio.h>, <stdbool.h> and
// <sys/types.h> of its own: a program may give uint64_t, FILE or bool meanings of its own (as
// test suites written before C99 do), which clashed with the system's typedefs. Nor <stddef.h>:
// a program's own NULL or offsetof, spelled otherwise, was "redefined" (c-testsuite 00097, F8).
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>

typedef unsigned long long uint64_t;
typedef struct my_file {
    int fd;
} FILE;
typedef int bool;
int printf(const char *fmt, ...);
#define NULL ((void*)0)
#define offsetof(t, m) ((unsigned long)&((t *)0)->m)

async uint64_t twice(uint64_t v)
{
    await(ac_yield());
    return v * 2;
}

async int main(void)
{
    FILE f = {3};
    bool ok = 1;
    uint64_t v = await(twice((uint64_t)f.fd));
    void *none = NULL;
    printf("%llu %d %d %lu\n", v, ok, none != 0, offsetof(FILE, fd));
    // CHECK: 6 1 0 0
    return 0;
}
// CHECK-NEXT: exit: 0
