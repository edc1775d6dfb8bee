// A call of an async function without a prototype with more or fewer arguments than its K&R
// definition has parameters: C checks nothing and leaves the call undefined; gcc takes it, but the
// frame's init has the definition's parameters, so the output did not compile ("too many
// arguments to function 'ac__init_g'"). Refused at the call (gcc's torture tests 920501-1,
// 921202-1, 921208-2 and 20051012-1 made async). A call with the right count is fine. So for a
// parameter the definition never declares (`undeclared(n) {`: an int), which was not taken for
// K&R (fuzz/mutate.py: "too few arguments to function 'ac__args_undeclared'").
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s
#include <asyncc.h>

async int none() { await(ac_yield()); return 0; }

async int two(a, b)
    int a;
    char b;
{
    await(ac_yield());
    return a + b;
}

async int undeclared(n)
{
    await(ac_yield());
    return n;
}

async int f(void)
{
    int r = await(two(1, 2)) + await(none());
    r += await(none(1.0));
    // CHECK: no_prototype_arguments.c:[[@LINE-1]]:16: error: call of 'none' with 1 arguments, but its definition without a prototype has 0 parameters: C leaves this undefined and asyncc cannot pass them; declare the parameters
    r += await(two(1));
    // CHECK: no_prototype_arguments.c:[[@LINE-1]]:16: error: call of 'two' with 1 arguments, but its definition without a prototype has 2 parameters: C leaves this undefined and asyncc cannot pass them; declare the parameters
    r += await(undeclared(4)) + await(undeclared());
    // CHECK: no_prototype_arguments.c:[[@LINE-1]]:39: error: call of 'undeclared' with 0 arguments, but its definition without a prototype has 1 parameters: C leaves this undefined and asyncc cannot pass them; declare the parameters
    return r + await(two(1, 2, 3));
    // CHECK: no_prototype_arguments.c:[[@LINE-1]]:22: error: call of 'two' with 3 arguments, but its definition without a prototype has 2 parameters: C leaves this undefined and asyncc cannot pass them; declare the parameters
    // CHECK-NOT: error
}
