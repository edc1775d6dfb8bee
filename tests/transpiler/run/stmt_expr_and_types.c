// GNU statement expressions with awaits (the error-propagation macro C programmers write, like
// Rust's `?`), and awaits in sizeof and typeof, which give their type and never run.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

#define TRY(e)                                                                                     \
    ({                                                                                             \
        __typeof__(e) try_result_ = (e);                                                           \
        if (try_result_ < 0) {                                                                     \
            printf("error %d at line %d\n", (int)try_result_, __LINE__);                           \
            return (int)try_result_;                                                               \
        }                                                                                          \
        try_result_;                                                                               \
    })

static int runs;

async long step(long v)
{
    runs++;
    await(ac_yield());
    return v;
}

async int pipeline(long a, long b)
{
    long x = TRY(await(step(a)));
    long y = TRY(await(step(b))) + TRY(await(step(x)));
    printf("sum %ld\n", x + y);
    return 0;
}

async int main(void)
{
    printf("ok %d\n", await(pipeline(1, 2)));
    printf("fail %d\n", await(pipeline(5, -7)));
    runs = 0;
    size_t size = sizeof(await(step(3)));
    __typeof__(await(step(4))) typed = 9;
    printf("sizeof %zu typed %ld runs %d\n", size, typed + 0L, runs);
    int v = ({ int t = 0; for (int i = 0; i < 3; i++) t += (int)await(step(i)); t * 10; });
    printf("block %d runs %d\n", v, runs);
    return 0;
}
// CHECK: sum 4
// CHECK-NEXT: ok 0
// CHECK-NEXT: error -7 at line 29
// CHECK-NEXT: fail -7
// CHECK-NEXT: sizeof 8 typed 9 runs 0
// CHECK-NEXT: block 30 runs 3
