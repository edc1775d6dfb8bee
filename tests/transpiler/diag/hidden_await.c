// An await inside an OpenMP directive: libclang shows the directive's captured statement
// without its expressions (only the variables it captures), so asyncc saw no await, treated the
// function as never suspending there and left the marker to gcc ("'__asyncc_await' undeclared").
// Every await or combinator in a body's text must be one asyncc found in the tree: refused at
// the await, in either half of a split parse.
// RUN: not %asyncc -fopenmp %s -o %t.c 2>&1 | %FileCheck %s
// RUN: env ASYNCC_SPLIT_MIN=1 not %asyncc -fopenmp %s -o %t.c 2>&1 | %FileCheck %s
#include <asyncc.h>

async int g(int x) { await(ac_yield()); return x; }

async int parallel(void)
{
    int s = 0;
#pragma omp parallel
    {
        s += await(g(1));
        // CHECK: hidden_await.c:[[@LINE-1]]:14: error: asyncc cannot see this 'await': it is inside a construct whose expressions libclang does not show (an OpenMP directive, an attribute's argument); move it out into a statement of its own
    }
    return s + await(g(2));
}

async int loop(int n)
{
    int s = 0;
#pragma omp parallel for reduction(+ : s)
    for (int i = 0; i < n; i++)
        s += await(g(i));
    // CHECK: hidden_await.c:[[@LINE-1]]:14: error: asyncc cannot see this 'await'
    return s;
}

int plain(void)
{
    ac_task *t = 0;
#pragma omp single
    t = ac_spawn(g(3));
    // CHECK: hidden_await.c:[[@LINE-1]]:9: error: asyncc cannot see this 'ac_spawn'
    return t != 0;
}
// CHECK-NOT: error
