// Awaits of async functions declared in a header and defined in another file: their frames come
// from the task's arena; both files are transpiled separately and linked.
// RUN: %asyncc -I%S/Inputs %S/Inputs/remote.c -o %t.remote.c
// RUN: %cc -I%S/Inputs %t.remote.c -c -o %t.remote.o
// RUN: %asyncc -I%S/Inputs %s -o %t.c
// RUN: %cc -I%S/Inputs %t.c %t.remote.o %libs -o %t
// RUN: %t | %FileCheck %s
#include <stdio.h>
#include "remote.h"

static async int local_sum(int n)
{
    int total = 0;
    for (int i = 1; i <= n; i++)
        total += await(remote_double(i));
    return total;
}

async int main(void)
{
    printf("sum %d\n", await(local_sum(4)));
    struct pair p = await(remote_pair(5));
    printf("pair %d %d\n", p.lo, p.hi);
    await(remote_log("done"));
    return 0;
}
// CHECK: sum 20
// CHECK-NEXT: pair 5 15
// CHECK-NEXT: log: done
