// A spawn whose future's arguments await: the awaits run first, in this task, and the task
// starts with their values. The marker's comma `(__asyncc_spawn, (f(x)), 0)` was hoisted as
// a comma expression, which wrote `(void)(__asyncc_spawn, f(...))` into the output: a compile
// failure (the marker undeclared, f implicitly declared). Found by the combinator mode of the
// csmith differential (combinators.py, small seed 2: a spawn inside a spawned call's argument).
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

static int trace[16], ntrace;

async static int g(int x)
{
    await(ac_yield());
    trace[ntrace++] = x;
    return x + 1;
}

async static int f(int a, int b)
{
    await(ac_yield());
    trace[ntrace++] = 100 + a + b;
    return a * 10 + b;
}

async static int h(int x) /* no trace: C leaves the order of arguments unspecified */
{
    await(ac_yield());
    return x + 1;
}

async static void note(int x)
{
    trace[ntrace++] = 1000 + x;
}

async int main(void)
{
    ac_task *t = ac_spawn(f(await(g(1)), 5));
    int r1;
    await(ac_task_join(t, &r1));
    // a spawn in a spawned call's argument, joined in a statement expression there
    ac_task *u = ac_spawn_local(f(({ ac_task *w = ac_spawn(g(3)); int v; await(ac_task_join(w, &v)); v; }),
                                  await(h(7)) ? await(h(8)) : 0));
    int r2;
    await(ac_task_join(u, &r2));
    ac_task *d = ac_spawn(note(await(g(4))));
    await(ac_task_join(d, NULL));
    // CHECK: 25 49
    printf("%d %d\n", r1, r2);
    // CHECK-NEXT: 1 107 3 113 4 1005
    for (int i = 0; i < ntrace; i++)
        printf("%d%s", trace[i], i + 1 < ntrace ? " " : "\n");
    return 0;
}
