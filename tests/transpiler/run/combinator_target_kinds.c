// The targets of combinators' futures (`v = f(x)`) of every kind of lvalue: parameters (main's
// argc too), a pointer parameter's object, an array parameter's element, a global, a global
// struct's array element indexed by a member, a local through a pointer, a register local.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

#define NEVER 1000000000UL

static int gl;
static struct { int a; long b[3]; } gs;

async static int val(int x)
{
    await(ac_yield());
    return x;
}

async static long lval(long x)
{
    await(ac_yield());
    return x;
}

async static int params(int p, int *q, long arr[2])
{
    int local = 0, *lp = &local;
    await(ac_join(p = val(p + 1), *q = val(*q + 2), arr[1] = lval(arr[0] + 3), gl = val(4)));
    await(ac_timeout(NEVER, *lp = val(5)));
    await(ac_select(gs.b[gs.a] = lval(6), ac_sleep_ms(NEVER)));
    register int r = 0;
    await(ac_join(r = val(7)));
    return p * 100000 + *q * 10000 + (int)arr[1] * 1000 + gl * 100 + local * 10 + (int)gs.b[0] + r;
}

async int main(int argc, char **argv)
{
    (void)argv;
    int q = 1;
    long arr[2] = {2, 0};
    await(ac_join(argc = val(argc + 8)));
    // CHECK: 235463 9
    printf("%d %d\n", await(params(1, &q, arr)), argc);
    return 0;
}
