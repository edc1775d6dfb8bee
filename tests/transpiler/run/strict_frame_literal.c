/* Strict warning sets (tests/differential/strict.py's: gcc's list, clang's -Weverything) give
 * the output no warning its sequential build does not: a compound literal whose address lives
 * across an await is copied into the frame by `(*(memcpy(...), &field))`, whose comma clang
 * -Wcomma called a possible misuse; the switch that runs the awaits of the operand
 * __builtin_choose_expr picks (or the association a _Generic selects) had no default (gcc
 * -Wswitch-default). Found by the combinator tests
 * (run/combinator_contexts, run/combinator_targets) under tests/differential/strict.py.
 * RUN: bash %S/../strict.sh %s %t c11 c17 c2x | %FileCheck %s --check-prefix=STRICT
 * RUN: %run %s %t | %FileCheck %s
 * STRICT: strict: clean
 */
#include <asyncc.h>
#include <stdio.h>

struct pair {
    int a, b;
};

async static int val(int x)
{
    await(ac_yield());
    return x;
}

async static int literals(int k)
{
    struct pair *q = &(struct pair){k, k + 1};
    const int *p = (const int[]){k * 2, k * 3};
    int t = 0;
    await(ac_timeout(1000000000UL, t = val(q->a + p[1])));
    return t + q->b * 100 + p[0] * 1000;
}

async static int choose(int x)
{
    int r = __builtin_choose_expr(sizeof x == sizeof(int), await(val(x + 1)), 0);
    return r;
}

async int main(void)
{
    // CHECK: 2204 6
    printf("%d %d\n", await(literals(1)), await(choose(5)));
    return 0;
}
