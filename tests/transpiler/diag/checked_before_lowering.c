// Every rejection comes from the checking pass, before any code is generated: the same errors,
// at the user's lines, whether asyncc writes C or only explains the state machines (--emit=dot
// does not lower). These used to be raised while lowering.
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s
// RUN: not %asyncc --emit=dot %s 2>&1 | %FileCheck %s
// RUN: not %asyncc --emit=frames %s 2>&1 | %FileCheck %s
// RUN: test ! -e %t.c
#include <asyncc.h>

static struct { int a; } unnamed = {7};

async int g(void)
{
    await(ac_yield());
    return 1;
}

async int type_of_a_local(void)
{
    int n = 3;
    struct T { char c __attribute__((aligned(sizeof n))); };
    // CHECK: {{.*}}checked_before_lowering.c:[[@LINE-1]]:5: error: this local type refers to a local variable
    struct T x = {(char)n};
    await(ac_yield());
    return x.c;
}

async int type_without_name(void)
{
    __typeof__(unnamed) *p = &unnamed;
    // CHECK: {{.*}}checked_before_lowering.c:[[@LINE-1]]:26: error: the type of 'p' has no name asyncc can write in the frame; give it a tag or a typedef
    await(ac_yield());
    return p->a;
}

// An unnamed type declared with a frame local moves with it (it gets a name): no error.
async int unnamed_moves(void)
{
    struct { int a; } x = {1};
    await(ac_yield());
    return x.a;
}
// CHECK-NOT: error
