// A condition in parentheses that holds an await: `if ((await(f()) == 2))` gives no warning in
// the source (the equality's operand comes from the macro await), but the output's
// `if ((t == 2))` did under clang (-Wparentheses-equality, an error with -Werror); the same for
// the condition of `?:` rebuilt as an `if`. The parentheses around an equality go; others stay:
// around an assignment they tell -Wparentheses it is meant, around `K | x` clang's
// -Wtautological-bitwise-compare that it is (csmith seed 102531, small, lost them).
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

async int q(int v)
{
    await(ac_yield());
    return v + 1;
}

async int conds(int k)
{
    int n = 0, r, x = 0;
    r = (k == 1) ? await(q(1)) : 0;
    n += r;
    r = ((k == 1)) ? 2 : await(q(2));
    n += r;
    while ((await(q(k)) == 2) && n < 10)
        n++;
    if ((await(q(k)) == 2))
        n++;
    for (; (n == 13) && (await(q(n)) == 14);)
        n++;
    do
        n++;
    while ((n == 15) || (await(q(n)) == 100));
    switch ((await(q(k)) + 1)) {
    case 3:
        n += await(q(0));
        break;
    }
    r = (k == 1) ? (await(q(3)) == 4) : (await(q(4)) == 5);
    n += r;
    r = (await(q(k)) == 2) ? (await(q(3)) == 4) : 0;
    if ((x = await(q(k))))
        n += x;
    while ((x = await(q(n))) && n < 20)
        n++;
    n = (x = await(q(n))) ? n + 1 : 0;
    if ((n += await(q(0))))
        n++;
    if ((0x2B | (await(q(k)) > 1)))
        n++;
    r += ((0x10 | await(q(0)))) ? 1 : 0;
    return n + r;
}

async int main(void)
{
    // CHECK: conds 26
    printf("conds %d\n", await(conds(1)));
    return 0;
}
