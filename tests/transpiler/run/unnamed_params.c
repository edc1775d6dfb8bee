// Parameters without a name in a definition (C2x; gcc and clang take them in gnu11): their frame
// fields, init's and args' parameters had no name, so the output stored `ac__fr-> = ;` and did
// not compile. Found by gcc's torture test pr103209.c made async. Unnamed parameters of several
// kinds, in functions that suspend and in ones that never do (their plain C twin).
// Also built at -O2, where gcc's build calls the body nested in a function named for gdb with
// the parameters by name: an unnamed one was passed as nothing (`(never)(, s, , )`).
// RUN: %run %s %t | %FileCheck %s
// RUN: %cc -O2 %t.async.c %libs -o %t.o2
// RUN: %t.o2 > %t.o2.out
// RUN: diff %t.out %t.o2.out
#include <asyncc.h>
#include <stdio.h>

struct pair {
    int a, b;
};

async int suspends(int, int b, struct pair, int (*)(int))
{
    await(ac_yield());
    return b;
}

async int never(unsigned, const char *s, int[], double)
{
    return s[0];
}

static async long both(int, long x)
{
    await(ac_yield());
    return x + await(never(1, "A", 0, 2.5));
}

static int twice(int v)
{
    return 2 * v;
}

async int main(void)
{
    struct pair p = {1, 2};
    // CHECK: 5 65 107
    printf("%d %d %ld\n", await(suspends(1, 5, p, twice)), await(never(3, "A", 0, 1.0)), await(both(9, 42)));
    return 0;
}
