// A pointer local left pointing into a block's array, a compound literal or a struct that ended,
// and never read after it (the source is quiet). Unoptimized, the output keeps a copy of each C
// local for gdb where the function suspends, and gcc 12's -Wdangling-pointer (in -Wall) took that
// copy for a use: "dangling pointer 'msg' to 'buf' may be used", an error under -Werror where the
// plain build said nothing. The copy is quiet now (include/asyncc/future.h).
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>
#include <string.h>

struct rec {
    int id;
    char name[8];
};

async int f(int n)
{
    const char *msg = NULL;
    {
        char buf[64];
        snprintf(buf, sizeof buf, "n=%d", n);
        msg = buf;
        puts(msg);
    }
    const int *nums = NULL;
    if (n > 0) {
        nums = (int[]){n, n + 1};
        printf("%d\n", nums[1]);
    }
    const char *name = NULL;
    for (int i = 0; i < 2; i++) {
        struct rec r = {i, "rec"};
        name = r.name;
        printf("%s%d\n", name, r.id);
    }
    char first[32];
    strcpy(first, "x");
    await(ac_yield());
    return n + first[0];
}

async int main(void)
{
    printf("%d\n", await(f(1)) - 'x');
    return 0;
}
// CHECK: n=1{{$}}
// CHECK-NEXT: 2{{$}}
// CHECK-NEXT: rec0{{$}}
// CHECK-NEXT: rec1{{$}}
// CHECK-NEXT: 1{{$}}
// CHECK-NEXT: exit: 0
