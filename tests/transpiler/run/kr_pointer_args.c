// Calls of async functions with K&R definitions pass pointer arguments as a call without a
// prototype does: converting nothing and checking nothing. The generated calls go through
// prototyped functions, which warned where the plain program does not (-Wpointer-sign for a
// `long long *` passed to `unsigned long long *p`, gcc torture 920501-6, or a `char *` to an
// `unsigned char s[]`), in awaits and spawns; each pointer argument is now cast to its
// parameter's type.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

async unsigned long long get(p) unsigned long long *p;
{
    await(ac_yield());
    return *p;
}

async int first(s, n, fn) unsigned char s[]; int n; int (*fn)();
{
    await(ac_yield());
    return fn(s[0]) + n;
}

async int later();

static int twice(x) int x;
{
    return 2 * x;
}

async int main(void)
{
    long long v = 5;
    char word[] = "abc";
    void *any = word;
    printf("%llu %d %d\n", await(get(&v)), await(first(word, 1, twice)), await(later(any, 2)));
    // CHECK: 5 195 100
    ac_task *t = ac_spawn(get(&v));
    unsigned long long r = 0;
    await(ac_task_join(t, &r));
    printf("%llu\n", r);
    // CHECK-NEXT: 5
    return 0;
}

async int later(p, k) unsigned char *p; long k;
{
    await(ac_yield());
    return p[1] + (int)k;
}
// CHECK-NEXT: exit: 0
