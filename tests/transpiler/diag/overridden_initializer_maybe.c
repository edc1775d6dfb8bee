// An await after an initializer whose designator's subobject a later designator overrides, in
// the same list: C may have put it in the subobject's list, which is then never evaluated, and
// clang does not say which initializers went there. Refused at the await; one of another
// member (`.pts`), or inside the dropped initializer itself, is fine.
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s --implicit-check-not=error:
// RUN: env ASYNCC_SPLIT_MIN=1 not %asyncc %s -o %t.c 2>&1 | %FileCheck %s --implicit-check-not=error:
#include <asyncc.h>

async int id(int v)
{
    await(ac_yield());
    return v;
}

struct xy {
    int x, y;
};
struct ab {
    struct {
        int b[4];
        int c;
    } a;
    struct xy pts[2];
};

async int f(struct ab z)
{
    struct ab s = {.a.b[2] = 1, .pts[0].x = await(id(1)), .a.c = await(id(2)), .a = z.a};
    // CHECK: {{.*}}overridden_initializer_maybe.c:[[@LINE-1]]:66: error: this await may be in an initializer that a later designator overrides, which C does not evaluate; await into a variable before the declaration
    struct ab t = {.a.b[2] = 3, await(id(4)), .a = z.a};
    // CHECK: {{.*}}overridden_initializer_maybe.c:[[@LINE-1]]:33: error: this await may be in an initializer
    struct ab u = {.a.b[2] = await(id(3)), .pts[1] = {await(id(5)), 6}, .a = z.a, .pts[0].y = await(id(7))};
    return s.a.c + t.a.c + u.a.c;
}
