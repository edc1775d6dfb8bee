// Unoptimized builds keep debug copies of the locals in scope at each await (for gdb), and an
// array local that lives in the frame is initialized by a copy. Both took the address of a
// local (`memcpy(&dbg.x, &x, ...)`, `memcpy(frame.a, &(int[3]){...}, ...)`), and where the
// await sits in a loop in an arm gcc folds away although clang does not (`if (n * 0 == 0) ...
// else`: only its resume label enters the arm), gcc 12's -Wdangling-pointer at -O0 took that
// address for one used after the local's scope ended: -Wall -Werror failed on the output of a
// program that compiles cleanly (csmith seed 101146). The copies now go through temporaries.
// RUN: %run %s %t | %FileCheck %s
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

async int main(void)
{
    // CHECK: folded 5 7
    int a = await(scalar_copy(5));
    printf("folded %d %d\n", a, await(array_init(2)));
    // CHECK: live 37
    printf("live %d\n", await(live(3)));
    return 0;
}
