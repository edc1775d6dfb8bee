// What of variably modified types cannot live in a frame: a variable-length array (also one
// declared through a typedef of run-time size, which reached gcc before), and an array of
// pointers to them. Pointers to them, parameters and the typedefs themselves work
// (run/variably_modified.c).
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s
#include <asyncc.h>

async int f(int n)
{
    typedef int row[n];
    row r;
    // CHECK: {{.*}}variably_modified_limits.c:[[@LINE-1]]:9: error: variable-length array 'r' cannot live across an await
    r[0] = 1;
    int (*pair[2])[n] = {0, 0};
    // CHECK: {{.*}}variably_modified_limits.c:[[@LINE-1]]:11: error: 'pair', an array of pointers to variable-length arrays, cannot live across an await; keep one pointer per variable
    await(ac_yield());
    return r[0] + (pair[1] == 0);
}
