// Dropping combinators' children in C contexts: the losers of a select, each suspended in a join
// of its own, and a timed-out future, run their cleanups innermost first (the join's children,
// then the inner block's guard, then the outer one's) before the await returns; a local with a
// cleanup whose initializer is a combinator is not cleaned up when the frame is dropped inside
// that initializer (it has no value yet).
// NO-SEQUENTIAL: in the sequential build a select takes its first future and a timeout never fires.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

#define NEVER 1000000000UL

static int order[16], n;

static void release(int *p)
{
    order[n++] = *p;
}

async static int val(int x)
{
    await(ac_yield());
    await(ac_yield());
    return x;
}

async static int hangc(int x)
{
    int g __attribute__((cleanup(release))) = x;
    await(ac_sleep_ms(NEVER));
    return g;
}

async static int loser(int base)
{
    int g1 __attribute__((cleanup(release))) = base;
    {
        int g2 __attribute__((cleanup(release))) = base + 1;
        int a, b;
        await(ac_join(a = hangc(base + 2), b = hangc(base + 3)));
        return a + b + g2;
    }
}

async static int half_initialized(void)
{
    int g __attribute__((cleanup(release))) = await(ac_select(hangc(1), hangc(2)));
    return g;
}

async static int sel(void)
{
    int v = 0;
    int w = await(ac_select(loser(10), v = val(7), loser(20)));
    return w * 100 + v;
}

async int main(void)
{
    int r = await(sel());
    printf("%d:", r);
    for (int i = 0; i < n; i++)
        printf(" %d", order[i]);
    printf("\n");
    int t = await(ac_timeout(5, loser(30)));
    printf("%d:", t);
    for (int i = 0; i < n; i++)
        printf(" %d", order[i]);
    printf("\n");
    // CHECK: 107: 12 13 11 10 22 23 21 20
    // CHECK-NEXT: -110: 12 13 11 10 22 23 21 20 32 33 31 30
    n = 0;
    t = await(ac_timeout(5, half_initialized()));
    // CHECK-NEXT: -110: 1 2
    printf("%d:", t);
    for (int i = 0; i < n; i++)
        printf(" %d", order[i]);
    printf("\n");
    return 0;
}
