// A local declared __auto_type whose type is variably modified (a pointer to a variable-length
// array) and that lives across an await: lower_vm.c writes such a local's type from its
// declarator with the sizes captured at its declaration, and __auto_type's sizes are in the
// initializer: the output did not compile ("expected specifier-qualifier-list before
// '__auto_type'", gcc's dg test auto-type-1.c made async). Refused at the variable.
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s
#include <asyncc.h>

async int g(int x) { await(ac_yield()); return x; }

async int f(int n)
{
    __auto_type q = (int (*)[n])0;
    // CHECK: auto_type_vm.c:[[@LINE-1]]:17: error: 'q', declared __auto_type with a variably modified type, cannot live across an await; write its type out
    int (*r)[n] = q;
    __auto_type copy = r;
    // CHECK: auto_type_vm.c:[[@LINE-1]]:17: error: 'copy', declared __auto_type with a variably modified type, cannot live across an await; write its type out
    await(g(1));
    return (int)sizeof(*q) + (int)sizeof(*r) + (int)sizeof(*copy);
}
// CHECK-NOT: error
