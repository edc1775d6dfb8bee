// Local types move to file scope with the frame; one that refers to a local variable through
// typeof cannot, and is reported. (A typedef of run-time size stays where it is written:
// run/variably_modified.c.)
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
