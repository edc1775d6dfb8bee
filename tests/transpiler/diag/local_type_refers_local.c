// Local types move to file scope with the frame; one that refers to a local variable (a
// variable-length array type, typeof of a local) cannot, and is reported.
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s
#include <asyncc.h>

async int f(int n)
{
    typedef int row[n];
    // CHECK: {{.*}}local_type_refers_local.c:[[@LINE-1]]:5: error: this local type refers to a local variable
    row r;
    r[0] = 3;
    await(ac_yield());
    return n;
}
