// An await in the left operand of a comma: the left operand runs as a statement of its own, and
// the right one stays the operand of a comma, an rvalue compilers do not fold for warnings. Left
// bare, `(await(f(1)), &p) == 0` became `&ac__fr->p == 0`, which gcc's -Waddress (and clang's
// tautological compares) call always false, though the source gives no warning (F12).
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

static int g;

async int f(int x)
{
    await(ac_yield());
    return x;
}

async int compares(void)
{
    int *p = &g, a[3] = {1, 2, 3}, n = 0;
    n += (await(f(1)), &p) == (void *)0;
    n += (await(f(2)), a) != 0;
    n += (await(f(3)), &g) == &g ? 10 : 0;
    if ((await(f(4)), &p) != 0)
        n += 100;
    for (int i = 0; (await(f(i)), &a[0]) != 0 && i < 3; i++)
        n += 1000;
    n += ({ int t = (await(f(5)), &g) == &g; t; }) * 10000;
    while ((await(f(6)), p) == &g && n < 100000)
        n += 100000;
    return n + ((await(f(7)), 1 < 2) ? 1000000 : 0);
}

async int main(void)
{
    int x = 5;
    // the value of the right operand, never the left's
    int y = (await(f(1)), x + 1), z = (x++, await(f(x)), x * 2);
    // CHECK: 1113111 6 12 6
    printf("%d %d %d %d\n", await(compares()), y, z, x);
    return 0;
}
