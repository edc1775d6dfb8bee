// An enumerator of a local enum moves to file scope with the frame's types: a local variable of
// the same name that stays a C local would hide it there, where C's scopes hid the variable. The
// program would silently read the variable: reported instead.
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s
#include <asyncc.h>

async int f(void)
{
    int K = 1;
    int r = K;
    {
        enum { K = 50 };
        // CHECK: {{.*}}local_enum_hidden.c:[[@LINE-1]]:16: error: enumerator 'K' of a local enum moves to file scope, where a local variable 'K' of this function would hide it; rename one
        await(ac_yield());
        r += K;
    }
    return r;
}
