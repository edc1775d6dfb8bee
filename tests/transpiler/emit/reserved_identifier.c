// clang's -Wreserved-identifier of a local named `__ret` is its declaration's, at its line: the
// frame's member and debug copy of that name, at the function's line, said it again there
// (c-testsuite 00214 made async). The same CHECK lines hold for the source compiled as plain C
// and for the output.
// RUN: %asyncc %s -o %t.c
// RUN: %clang -std=gnu11 -Wreserved-identifier -I%S/../../../include -c %t.c -o %t.o 2>&1 | %FileCheck %s --implicit-check-not=warning:
// RUN: %clang -std=gnu11 -Wreserved-identifier -I%S/../../../include -c %s -o %t.plain.o 2>&1 | %FileCheck %s --implicit-check-not=warning:
#include <asyncc.h>

static async int get(int v)
{
    await(ac_yield());
    return v;
}

async int main(void)
{
    int __ret = 42;
    // CHECK: reserved_identifier.c:[[@LINE-1]]:9: warning: identifier '__ret' is reserved because it starts with '__' [-Wreserved-identifier]
    await(ac_yield());
    return await(get(__ret)) - 42;
}
