// The value of a ?: or of a statement expression whose operands await is kept in a temporary of
// the frame, whose type must be written there: a type without a name defined for a member is
// written as the member's (run/unnamed_member_values.c), but a pointer to one has no spelling,
// and is refused where the value is, rather than written as clang names it (which no compiler
// reads).
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s
#include <asyncc.h>

struct conn {
    struct {
        int queued;
    } in;
};

async int id(int x)
{
    await(ac_yield());
    return x;
}

async int queued(int k)
{
    struct conn c = {{3}};
    return (k ? &c.in : &c.in + await(id(0)))->queued;
    // CHECK: {{.*}}unnamed_value_type.c:[[@LINE-1]]:13: error: the value of this expression has a type without a name asyncc can write in the frame; give the type a tag or a typedef
}

async int last(void)
{
    struct conn c = {{4}};
    return ({ await(id(0)); &c.in; })->queued;
    // CHECK: {{.*}}unnamed_value_type.c:[[@LINE-1]]:12: error: the value of this expression has a type without a name asyncc can write in the frame
}
