// A condition clang folds to a constant in the source, through a local that then lives in the
// frame: a global's address is never a local's (csmith seeds 100103 and 200515), a const local
// with a constant initializer. The output's `&ac__fr->l` or const member no longer folded, so
// clang's CFG reached the arm the source never takes and gave the warnings it keeps for code that
// runs (-Warray-bounds here, -Wunused-value in the csmith programs): -Werror failed on the output
// of a program that compiles cleanly. Such a condition is written `((void)(cond), K)`: it still
// runs for its side effects (`n++`) and folds to the same constant. Every position clang's CFG
// folds: if, while, do, for, ?:, && and ||.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

static int g, effects;

async static int step(int v)
{
    await(ac_yield());
    return v;
}

async static int conditions(int n)
{
    int l = n, sum = 0;
    const int off = 0;
    int *p = &l;
    sum += await(step(1));
    if ((effects++, &g) == &l) {
        int past[2] = {0, 0};
        past[2] = sum; /* never runs */
        sum += past[0];
    }
    while (&g == p && &g == &l) {
        int past[2] = {0, 0};
        past[3] = sum;
        sum += past[1];
        break;
    }
    do
        sum += await(step(2));
    while (&l == &g);
    for (int i = 0; &l == &g; i++) {
        int past[2] = {0, 0};
        past[i + 4] = 1;
        sum += past[0];
    }
    sum += &l != &g ? await(step(3)) : (int)sizeof(int[2]);
    if (off) {
        int past[2] = {0, 0};
        past[2] = await(step(4));
    }
    sum += (effects++, &l == &g) && *p;
    sum += &l != &g || await(step(100));
    sum += *p + off;
    return sum;
}

async int main(void)
{
    // CHECK: 17 effects 2
    int s = await(conditions(10));
    printf("%d effects %d\n", s, effects);
    return 0;
}
