// Expressions that C evaluates only in part: an await there would run when the original would
// not, so asyncc rejects it instead of hoisting it.
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s
#include <asyncc.h>

async int f(void) { return 1; }

async int g(int x)
{
    int a = _Generic(x, int: await(f()), default: 0);
    // CHECK: {{.*}}partial_evaluation.c:[[@LINE-1]]:13: error: 'await' inside _Generic
    int b = __builtin_choose_expr(1, await(f()), 0);
    // CHECK: {{.*}}partial_evaluation.c:[[@LINE-1]]:13: error: 'await' inside __builtin_choose_expr
    int c = x ?: await(f());
    // CHECK: {{.*}}partial_evaluation.c:[[@LINE-1]]:13: error: 'await' inside `a ?: b`
    int d = 2;
    await(ac_yield());
    return a + b + c + d;
}
