// The type names of a _Generic's associations are not in libclang's tree, so a frame local named
// there cannot be renamed: an error at the _Generic. Frame locals in its expressions, members and
// tags of the same name, and locals that do not live across an await are fine.
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s
#include <asyncc.h>

struct x {
    int x;
};

async int f(void)
{
    long x = 1;
    struct x s = {2};
    await(ac_yield());
    int plain = 3;
    int ok = _Generic(&s, struct x *: s.x, default: 0) + _Generic(plain, __typeof__(plain): (int)x, default: 0);
    // CHECK-NOT: generic_type_names.c:[[@LINE-1]]
    return ok + _Generic(&x, const __typeof__(x) *: 1, default: 0);
    // CHECK: generic_type_names.c:[[@LINE-1]]:17: error: 'x' lives across an await and cannot be named in the type of a _Generic association; write its type out
}
