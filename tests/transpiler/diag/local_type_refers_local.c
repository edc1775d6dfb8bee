// Local types move to file scope with the frame; one that refers to a local variable through
// typeof cannot, and is reported, also one defined together with variables, which moves alone.
// (A typedef of run-time size stays where it is written: run/variably_modified.c. sizeof of a
// local is a constant, which moves: run/local_type_sizeof_locals.c.)
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s
#include <asyncc.h>

async int f(int n)
{
    typedef __typeof__(n) *ptr;
    // CHECK: {{.*}}local_type_refers_local.c:[[@LINE-1]]:5: error: this local type refers to a local variable
    ptr p = &n;
    await(ac_yield());
    return *p;
}

/* defined together with its variables, it moves alone: the same (the output named n at file
 * scope, which did not compile) */
async int g(int n)
{
    struct rec { __typeof__(n) id; int k; } r = {n, 0}, s = r;
    // CHECK: {{.*}}local_type_refers_local.c:[[@LINE-1]]:12: error: this local type refers to a local variable
    await(ac_yield());
    return r.id + s.k;
}

async int h(int n)
{
    struct { __typeof__(n) id; } u = {n};
    // CHECK: {{.*}}local_type_refers_local.c:[[@LINE-1]]:5: error: this local type refers to a local variable
    await(ac_yield());
    return u.id;
}

