// -Wvla speaks at a declaration of variably modified type, in the output as in the source: the
// output writes the type again at every use of a local that lives in the frame (a cast of its
// field), which warned at each use, and at each use of a block typedef of run-time size, where
// the source is quiet (c-testsuite 00207 made async: the fall-off's free of `char test[argc]`).
// Those casts are in AC__VM (future.h); a typedef, and a pointer declared without an
// initializer, say theirs at their own line. gcc says a cast's at the last pragma it read, the
// statement's start in the source: the user's own VLA cast after a use (p = (int (*)[n])...)
// warns at its line (another column), not in future.h. The same CHECK lines hold for the source compiled
// as plain C and for the output, with gcc and clang, and the output runs.
// RUN: %asyncc %s -o %t.c
// RUN: %cc -Wno-error -Wvla -Wpedantic -c %t.c -o %t.o 2>&1 | %FileCheck %s --check-prefix=GCC --implicit-check-not=warning:
// RUN: %cc -Wno-error -Wvla -Wpedantic -c %s -o %t.plain.o 2>&1 | %FileCheck %s --check-prefix=GCC --implicit-check-not=warning:
// RUN: %clang -std=gnu11 -Wvla -I%S/../../../include -c %t.c -o %t.o 2>&1 | %FileCheck %s --check-prefix=CLANG --implicit-check-not=warning:
// RUN: %clang -std=gnu11 -Wvla -I%S/../../../include -c %s -o %t.plain.o 2>&1 | %FileCheck %s --check-prefix=CLANG --implicit-check-not=warning:
// RUN: %clang -std=c90 -Wvla-extension -I%S/../../../include -c %t.c -o %t.o 2>&1 | %FileCheck %s --check-prefix=C90 --implicit-check-not=warning:
// RUN: %clang -std=c90 -Wvla-extension -I%S/../../../include -c %s -o %t.plain.o 2>&1 | %FileCheck %s --check-prefix=C90 --implicit-check-not=warning:
// RUN: %cc -w -O1 %t.c -o %t.bin %libs && %t.bin
#include <asyncc.h>
#include <stddef.h>

static async int local(int n)
{
    char buf[n];
    // GCC-DAG: vla_warnings.c:[[@LINE-1]]:5: warning: ISO C90 forbids variable length array {{.*}}[-Wvla]
    // CLANG-DAG: vla_warnings.c:[[@LINE-2]]:{{[0-9]+}}: warning: variable length array used [-Wvla]
    // C90-DAG: vla_warnings.c:[[@LINE-3]]:{{[0-9]+}}: warning: variable length arrays are a C99 feature [-Wvla-extension]
    int store[8] = {0};
    typedef int row[n];
    // GCC-DAG: vla_warnings.c:[[@LINE-1]]:5: warning: ISO C90 forbids variable length array {{.*}}[-Wvla]
    // CLANG-DAG: vla_warnings.c:[[@LINE-2]]:{{[0-9]+}}: warning: variable length array used [-Wvla]
    // C90-DAG: vla_warnings.c:[[@LINE-3]]:{{[0-9]+}}: warning: variable length arrays are a C99 feature [-Wvla-extension]
    row *r = NULL;
    row copy;
    int (*p)[n];
    // GCC-DAG: vla_warnings.c:[[@LINE-1]]:5: warning: ISO C90 forbids variable length array {{.*}}[-Wvla]
    // CLANG-DAG: vla_warnings.c:[[@LINE-2]]:{{[0-9]+}}: warning: variable length array used [-Wvla]
    // C90-DAG: vla_warnings.c:[[@LINE-3]]:{{[0-9]+}}: warning: variable length arrays are a C99 feature [-Wvla-extension]
    p = (int (*)[n])store;
    // GCC-DAG: vla_warnings.c:[[@LINE-1]]:{{[0-9]+}}: warning: ISO C90 forbids variable length array [-Wvla]
    // CLANG-DAG: vla_warnings.c:[[@LINE-2]]:{{[0-9]+}}: warning: variable length array used [-Wvla]
    // C90-DAG: vla_warnings.c:[[@LINE-3]]:{{[0-9]+}}: warning: variable length arrays are a C99 feature [-Wvla-extension]
    await(ac_yield());
    buf[0] = 1;
    copy[n - 1] = 2;
    (*p)[0] = (int)sizeof(row) + (r != NULL);
    await(ac_yield());
    return buf[0] + (int)sizeof buf + (*p)[0] + copy[n - 1] + (int)sizeof copy;
}

async int main(void)
{
    return await(local(3)) == 1 + 3 + 12 + 2 + 12 ? 0 : 1;
}
