// The value of `&&` or `||` with an await on its right is computed by statements before its use,
// into a temporary, and stays a comparison's 0 or 1 where it is used: compared with an unsigned
// (`(a || await(f())) >= u`), a bare int temporary made gcc's -Wsign-compare (in -Wextra) warn
// where the source does not (F13, csmith).
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdint.h>
#include <stdio.h>

static uint32_t g = 1;
static unsigned long big = 0;

async int f(int x)
{
    await(ac_yield());
    return x;
}

async int compares(long a)
{
    int n = 0;
    n += (a || await(f(1))) >= g;
    n += (a && await(f(1))) < g;
    if ((!a || (await(f(0)) && a)) == g)
        n += 10;
    for (int i = 0; (i || await(f(1))) >= big && i < 3; i++)
        n += 100;
    return n + ((a || await(f(0))) <= g ? 10000 : 0);
}

async int main(void)
{
    // CHECK: 10312 10301
    printf("%d %d\n", await(compares(0)), await(compares(5)));
    return 0;
}
