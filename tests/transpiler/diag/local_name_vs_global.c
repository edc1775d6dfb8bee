// A local enumerator moves to file scope with the frame; a variable of the same name defined
// later at file scope is reported, not turned into a redeclaration the compiler rejects.
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s
#include <asyncc.h>

async int f(void)
{
    enum { K = 3 } v = K;
    // CHECK: {{.*}}local_name_vs_global.c:[[@LINE-1]]:12: error: enumerator 'K' of a local enum moves to file scope, where 'K' already exists; rename one
    await(ac_yield());
    return v;
}

int K = 7;
