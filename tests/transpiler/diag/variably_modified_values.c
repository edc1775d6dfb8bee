// A value of variably modified type (a pointer to a VLA) computed by an expression that awaits
// would be kept in a temporary of the frame, which cannot have such a type: refused, at the
// expression. A variable assigned inside the expression works (it is seen through its type).
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s
// Refused by the checking pass, before any code: --emit=dot, which does not lower, says it too.
// RUN: not %asyncc --emit=dot %s 2>&1 | %FileCheck %s
#include <asyncc.h>

async int g(int n, int (*q)[n])
{
    int (*s)[n] = ({ await(ac_yield()); q; });
    // CHECK: {{.*}}variably_modified_values.c:[[@LINE-1]]:19: error: a pointer to a variable-length array cannot be the value of an expression that awaits; assign it to a variable inside the expression instead
    int (*t)[n];
    ({ await(ac_yield()); t = q; });
    return (*s)[0] + (*t)[0];
}
