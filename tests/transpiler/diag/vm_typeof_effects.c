// A variably modified local that lives across an await (or a typedef of run-time size), typed with typeof of an expression that
// has side effects: C evaluates the expression once, where the declaration runs, but asyncc
// writes the type again at every use (it ran `i++` at each; gcc.dg's vla-4): refused.
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s
#include <asyncc.h>

static int i;

async int f(int n)
{
    int(*t)[n] = 0;
    char b[1][n + 3];
    typedef __typeof__(b[i++]) T;
    // CHECK: {{.*}}vm_typeof_effects.c:[[@LINE-1]]:32: error: typedef 'T' of run-time size is the typeof of an expression with side effects, which C evaluates once; compute the value before and declare the type without them
    __typeof__(t + (i++, 0)) p = t;
    // CHECK: {{.*}}vm_typeof_effects.c:[[@LINE-1]]:30: error: 'p' lives across an await and its type is the typeof of an expression with side effects, which C evaluates once; compute the value before and declare the type without them
    __typeof__(b[i++]) c;
    // CHECK: {{.*}}vm_typeof_effects.c:[[@LINE-1]]:24: error: 'c' lives across an await and its type is the typeof of an expression with side effects, which C evaluates once; compute the value before and declare the type without them
    __typeof__(b[i]) fine; /* no side effect: its type is all it gives */
    c[0] = fine[0] = 1;
    await(ac_yield());
    return c[0] + fine[0] + (p == 0);
}
