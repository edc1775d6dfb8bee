// In-task combinators: ac_join runs futures concurrently in one task, ac_try_join stops at the
// first error, ac_select keeps the first to finish and cancels the rest, ac_timeout bounds any
// future. Concurrency is visible in the interleaving and in the total time. Every two deadlines
// whose order is checked are a second or more apart, and the time bounds have seconds of slack: at
// load 25 a 50 ms sleep once ended before a 10 ms one started after it (both due at one wake).
// NO-SEQUENTIAL
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>
#include <time.h>

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

async int worker(const char *name, int ms, int result)
{
    printf("%s starts\n", name);
    await(ac_sleep_ms((unsigned long)ms));
    printf("%s ends\n", name);
    return result;
}

async void tick(int n)
{
    for (int i = 0; i < n; i++)
        await(ac_yield());
}

async int main(void)
{
    long t0 = now_ms();
    int a = 0, b = 0;
    await(ac_join(a = worker("a", 2000, 1), b = worker("b", 1000, 2), tick(3)));
    long took = now_ms() - t0;
    printf("join %d %d concurrent=%d\n", a, b, took < 2900);
    // CHECK: a starts
    // CHECK-NEXT: b starts
    // CHECK-NEXT: b ends
    // CHECK-NEXT: a ends
    // CHECK-NEXT: join 1 2 concurrent=1

    int rc = await(ac_try_join(a = worker("ok", 5000, 5), b = worker("bad", 10, -22), worker("slow", 10000, 7)));
    printf("try_join %d a=%d b=%d\n", rc, a, b);
    // CHECK-NEXT: ok starts
    // CHECK-NEXT: bad starts
    // CHECK-NEXT: slow starts
    // CHECK-NEXT: bad ends
    // CHECK-NEXT: try_join -22 a=1 b=-22
    rc = await(ac_try_join(a = worker("x", 10, 3), b = worker("y", 1000, 4)));
    printf("try_join ok %d %d %d\n", rc, a, b);
    // CHECK: x ends
    // CHECK-NEXT: y ends
    // CHECK-NEXT: try_join ok 0 3 4

    int won = -1;
    int which = await(ac_select(won = worker("slow", 10000, 10), won = worker("fast", 20, 20)));
    printf("select %d won=%d\n", which, won);
    // CHECK: fast ends
    // CHECK-NEXT: select 1 won=20

    t0 = now_ms();
    int v = 0;
    rc = await(ac_timeout(50, v = worker("late", 60000, 9)));
    printf("timeout %d v=%d bounded=%d\n", rc, v, now_ms() - t0 < 30000);
    rc = await(ac_timeout(30000, v = worker("early", 10, 8)));
    printf("in time %d v=%d\n", rc, v);
    // CHECK: late starts
    // CHECK-NEXT: timeout -110 v=0 bounded=1
    // CHECK-NEXT: early starts
    // CHECK-NEXT: early ends
    // CHECK-NEXT: in time 0 v=8
    if (await(ac_timeout(10, tick(1000000000))) == -ETIMEDOUT)
        printf("yielding future cut off\n");
    // CHECK-NEXT: yielding future cut off
    return 0;
}
// CHECK-NOT: slow ends
// CHECK: exit: 0
