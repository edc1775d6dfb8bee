// Awaits written inside the user's own macros, as arguments and in macro bodies, work: asyncc
// rewrites the preprocessed text.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            printf("check failed: %s\n", #cond);                                                   \
            return -1;                                                                             \
        }                                                                                          \
    } while (0)
#define FETCH(x) await(fetch(x))
#define TWICE(e) ((e) + (e))

async int fetch(int x)
{
    await(ac_yield());
    return x;
}

async int run(int want)
{
    CHECK(await(fetch(want)) == 3);
    int v = FETCH(want) * 10;
    return TWICE(v);
}

async int main(void)
{
    printf("ok %d\n", await(run(3)));
    printf("fail %d\n", await(run(4)));
    return 0;
}
// CHECK: ok 60
// CHECK-NEXT: check failed: await(fetch(want)) == 3
// CHECK-NEXT: fail -1
