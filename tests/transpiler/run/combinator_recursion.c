// Combinators in recursive async functions (frames of a cycle come from the task's arena: a
// join of two recursive calls, a spawned recursion joined after a timeout of the other half),
// and their values where GNU C takes an expression: a computed goto's target and an asm operand.
// NO-SEQUENTIAL: the selects' first futures never finish (the sequential build takes the first).
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <errno.h>
#include <stdio.h>

#define NEVER 1000000000UL

async static int val(int x)
{
    await(ac_yield());
    return x;
}

async static int fib(int n)
{
    if (n < 2)
        return n;
    int a, b;
    await(ac_join(a = fib(n - 1), b = fib(n - 2)));
    return a + b;
}

async static int pfib(int n)
{
    if (n < 2)
        return await(val(n));
    ac_task *t = ac_spawn(pfib(n - 1));
    int a = 0, b = 0;
    if (await(ac_timeout(NEVER, b = pfib(n - 2))) != 0)
        return -1;
    await(ac_task_join(t, &a));
    return a + b;
}

async static int jumpy(int k)
{
    static void *labels[] = {&&l0, &&l1};
    int s = 0;
    goto *labels[await(ac_select(val(k), ac_sleep_ms(NEVER)))];
l1:
    s += 100;
l0:
    s += await(ac_select(ac_sleep_ms(NEVER), val(k))) * 10;
    int out;
    __asm__ volatile("mov %1, %0" : "=r"(out) : "r"(await(ac_select(ac_sleep_ms(NEVER), ac_sleep_ms(NEVER), val(k)))));
    return s + out;
}

async int main(void)
{
    // CHECK: fib 610
    // CHECK-NEXT: pfib 144
    // CHECK-NEXT: jumpy 12
    printf("fib %d\n", await(fib(15)));
    printf("pfib %d\n", await(pfib(12)));
    printf("jumpy %d\n", await(jumpy(3)));
    return 0;
}
