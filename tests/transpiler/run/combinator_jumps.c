// Combinators and the task API awaited across jumps: goto into and out of blocks, loops with
// break and continue, locals with cleanups, as arguments of other awaited calls, and nested
// (a timeout of a select of a join, through the async functions that hold them).
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

#define NEVER 1000000000UL

static int released;

static void release(int *p)
{
    released += *p;
}

async static int val(int x)
{
    await(ac_yield());
    return x;
}

async static int add(int a, int b)
{
    await(ac_yield());
    return a + b;
}

async static int jumps(int n)
{
    int sum = 0, v = 0;
    if (n > 100)
        goto inside;
    goto start;
again:
    {
        if (await(ac_timeout(NEVER, v = val(n++))) != 0)
            return -1;
    inside:
        sum += v;
        {
            int guard __attribute__((cleanup(release))) = n;
            if (await(ac_select(v = val(v + 1), ac_sleep_ms(NEVER))) == 0 && v < 5)
                goto again; /* out of the guard's block */
        }
    }
start:
    if (sum < 3) {
        n++;
        goto again;
    }
    return sum;
}

async static int loops(void)
{
    int sum = 0;
    for (int i = 0; i < 10; i++) {
        int g __attribute__((cleanup(release))) = 1;
        int v;
        if (await(ac_timeout(NEVER, v = val(i))) != 0)
            break;
        if (v % 3 == 0)
            continue;
        ac_task *t = ac_spawn(val(v * 10));
        int w;
        await(ac_task_join(t, &w));
        if (w > 70)
            break;
        sum += w;
        await(ac_join(v = val(v), ac_yield()));
        while (1) {
            if (await(ac_select(v = val(v - 1), ac_sleep_ms(NEVER))) == 0 && v <= i - 2)
                break;
            if (v < 0)
                continue;
            sum += v;
        }
    }
    return sum;
}

async static int inner_join(int a, int b)
{
    int x, y;
    await(ac_join(x = val(a), y = val(b)));
    return x * y;
}

async static int inner_select(int a, int b)
{
    int r = -1;
    if (await(ac_select(r = inner_join(a, b), ac_sleep_ms(NEVER))) != 0)
        return -2;
    return r;
}

async static int nested(void)
{
    int r = -1;
    int rc = await(ac_timeout(NEVER, r = inner_select(6, 7)));
    /* as the argument of other awaited calls, and a combinator inside that argument */
    int s = await(add(await(add(({ int u = 0; await(ac_timeout(NEVER, u = inner_select(2, 3))); u; }),
                                ({ ac_task *t = ac_spawn(inner_join(4, 5)); int u = 0; await(ac_task_join(t, &u)); u; }))),
                      await(ac_select(val(1), ac_sleep_ms(NEVER)))));
    return rc * 1000 + r + s * 100;
}

async int main(void)
{
    // CHECK: jumps 9 released 12
    int j = await(jumps(1));
    printf("jumps %d released %d\n", j, released);
    released = 0;
    // CHECK-NEXT: jumps 101 released 203
    j = await(jumps(101));
    printf("jumps %d released %d\n", j, released);
    released = 0;
    // CHECK-NEXT: loops 204 released 9
    j = await(loops());
    printf("loops %d released %d\n", j, released);
    // CHECK-NEXT: nested 2642
    printf("nested %d\n", await(nested()));
    return 0;
}
