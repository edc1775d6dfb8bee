// An async function that never suspends runs as the plain C function ac__now_f, whose parameters
// asyncc writes again: one declared `unused` or `maybe_unused` (GNU, `gnu::` or C2x) must say so
// there too, or -Wextra's -Wunused-parameter warned on the output where the source does not
// (GNU make's `int guile_gmake_setup (const floc *flocp UNUSED)`).
// RUN: %run %s %t | %FileCheck %s
// RUN: %asyncc -std=c2x %s -o %t.c2x.c
// RUN: %cc -std=c2x -c %t.c2x.c -o %t.o
// RUN: %clang -std=c2x -fsyntax-only -Wall -Wextra -Werror -I%S/../../../include %t.c2x.c
#include <asyncc.h>
#include <stdio.h>

static async int first(const int *p __attribute__((unused)))
{
    return 1;
}

static async int second(int a, int q __attribute__((__unused__)))
{
    return a;
}

#if __STDC_VERSION__ > 201710L
static async int third([[maybe_unused]] int r, int s [[gnu::unused]])
{
    return 3;
}
#else
static async int third(int r __attribute__((unused)), int s __attribute__((unused)))
{
    return 3;
}
#endif

async int main(void)
{
    printf("%d\n", await(first(0)) + await(second(2, 0)) + await(third(0, 0)));
    // CHECK: 6
    return 0;
}
