// Local types move to file scope with the frame; one that refers to a local variable through
// typeof or an attribute's argument cannot, and is reported, also one defined together with
// variables, which moves alone.
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
