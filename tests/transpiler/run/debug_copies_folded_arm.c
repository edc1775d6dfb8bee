// Unoptimized builds keep debug copies of the locals in scope at each await (for gdb), and an
// array local that lives in the frame is initialized by a copy. Both took the address of a
// local (`memcpy(&dbg.x, &x, ...)`, `memcpy(frame.a, &(int[3]){...}, ...)`), and where the
// await sits in a loop in an arm gcc folds away although clang does not (`if (n * 0 == 0) ...
// else`: only its resume label enters the arm), gcc 12's -Wdangling-pointer at -O0 took that
// address for one used after the local's scope ended: -Wall -Werror failed on the output of a
// program that compiles cleanly (csmith seed 101146). The copies now go through temporaries
// under gcc; under clang through the address still, since a local may have no value yet at an
// await (`unset` below) and clang -Wconditional-uninitialized calls reading it a use.
// RUN: %run %s %t | %FileCheck %s
// RUN: %asyncc %s -o %t.c
// RUN: %clang -fsyntax-only -Wall -Wextra -Wconditional-uninitialized -Werror -I%S/../../../include %t.c
#include <asyncc.h>
#include <stdio.h>

static int total;

async static int scalar_copy(int n)
{
    if (n * 0 == 0) {
        total += n;
    } else {
        for (int i = 0; i < n; i++) {
            unsigned scalar = 7;
            await(ac_yield());
            total += (int)scalar;
        }
    }
    return total;
}

async static int array_init(int n)
{
    if (n * 0 == 0) {
        total += n;
    } else {
        while (total) {
            unsigned kept[2] = {7};
            await(ac_yield());
            total += (int)kept[n % 2];
        }
    }
    return total;
}

/* the same loops where they run */
async static int live(int n)
{
    for (int i = 0; i < n; i++) {
        unsigned scalar = 7u + (unsigned)i;
        int kept[3] = {1, 2, 3};
        await(ac_yield());
        total += (int)scalar + kept[i % 3];
    }
    return total;
}

/* no value yet at the first await, and never one (c-testsuite 00163's `int c;`) */
async static int unset_at_await(int n)
{
    int unset, never;
    (void)never;
    await(ac_yield());
    unset = n;
    await(ac_yield());
    return unset;
}

async int main(void)
{
    // CHECK: unset 4
    printf("unset %d\n", await(unset_at_await(4)));
    // CHECK: folded 5 7
    int a = await(scalar_copy(5));
    printf("folded %d %d\n", a, await(array_init(2)));
    // CHECK: live 37
    printf("live %d\n", await(live(3)));
    return 0;
}
