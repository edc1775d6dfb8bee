// A macro that is a statement expression with a value, used as a statement (dash's `INTOFF;`,
// `#define INTOFF ({ suppressint++; barrier(); 0; })`), is `({ ...; 0; });` in asyncc's output,
// written from the preprocessed text; clang's -Wunused-value (-Wall) keeps quiet about the
// source, where the statement expression comes from a macro, and warned "expression result
// unused" on the output (run.sh compiles it with clang -Werror; gcc warns of neither).
// future.h's AC__RUN_BEGIN turns it off inside bodies (the guide's "Not honoured"). Shapes: a
// statement, one that calls a function in an `if`, nested statement expressions, one giving a
// local kept across awaits, in a `for` increment, in a comma expression, in an `if` arm.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

static int held, pending, calls;

static void on_release(void)
{
    calls++;
}

#define barrier() ({ __asm__ __volatile__("" : : : "memory"); })
#define INTOFF ({ held++; barrier(); 0; })
#define INTON ({ barrier(); if (--held == 0 && pending) on_release(); 0; })
#define BUMP(v) ({ (v)++; (v); })

static async int step(int x)
{
    await(ac_yield());
    return x + 1;
}

static async int body(int n)
{
    int total = 0, i;
    INTOFF;
    total = await(step(total));
    pending = 1;
    INTON;
    for (i = 0; i < n; BUMP(i))
        total += await(step(i));
    i = (BUMP(total), BUMP(total));
    if (total > 3)
        BUMP(n);
    else
        INTOFF;
    total += await(step(n));
    ({ BUMP(total); });
    return total;
}

async int main(void)
{
    int r = await(body(3));
    printf("%d %d %d\n", r, held, calls);
    // CHECK: 15 0 1
    return 0;
}
