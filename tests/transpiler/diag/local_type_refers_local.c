// Local types move to file scope with the frame; one that refers to a local variable through an
// attribute's argument, or through typeof of an expression whose type has no name C can write,
// cannot, and is reported, also one defined together with variables, which moves alone.
// (A typedef of run-time size stays where it is written: run/variably_modified.c. sizeof of a
// local is a constant, which moves: run/local_type_sizeof_locals.c; typeof of one names its type:
// run/local_type_typeof_locals.c.)
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s
#include <asyncc.h>

async int f(int n)
{
    struct { int v; } s = {n};
    typedef __typeof__(s) *ptr;
    // CHECK: {{.*}}local_type_refers_local.c:[[@LINE-1]]:5: error: this local type refers to a local variable
    ptr p = &s;
    await(ac_yield());
    return p->v;
}

/* defined together with its variables, it moves alone: the same */
async int g(int n)
{
    struct { int v; } s = {n};
    struct rec { __typeof__(s) id; int k; } r = {s, 0}, t = r;
    // CHECK: {{.*}}local_type_refers_local.c:[[@LINE-1]]:12: error: this local type refers to a local variable
    await(ac_yield());
    return r.id.v + t.k;
}

async int h(int n)
{
    struct { int v; } s = {n};
    struct { __typeof__(s) id; } u = {s};
    // CHECK: {{.*}}local_type_refers_local.c:[[@LINE-1]]:5: error: this local type refers to a local variable
    await(ac_yield());
    return u.id.v;
}

/* through an attribute's argument, which libclang shows no expression of (the output named d at
 * file scope); an attribute's own name is no variable's */
async int attr(void)
{
    double d = 1;
    int aligned = 2;
    struct al { char c __attribute__((aligned(sizeof d))); char e __attribute__((aligned)); };
    // CHECK: {{.*}}local_type_refers_local.c:[[@LINE-1]]:5: error: this local type refers to a local variable
    struct al v = {'a', 'b'};
    await(ac_yield());
    return v.c + (int)d + aligned;
}
