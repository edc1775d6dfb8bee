// Refusals of what the code generation cannot write, each at the user's line and column: a
// frame local whose type has no name asyncc can write (an unnamed
// struct seen through typeof), a typedef of run-time size that also defines a type, a variably
// modified parameter whose declarator asyncc cannot read. The checking pass raises them before
// any code is generated: --emit=dot, which does not lower, reports them too.
// RUN: not %asyncc -DUNNAMED %s -o %t.c 2>&1 | %FileCheck --check-prefix=UNNAMED %s
// RUN: not %asyncc -DVM_TYPEDEF %s -o %t.c 2>&1 | %FileCheck --check-prefix=VM_TYPEDEF %s
// RUN: not %asyncc -DVM_PARAM %s -o %t.c 2>&1 | %FileCheck --check-prefix=VM_PARAM %s
// RUN: not %asyncc --emit=dot -DUNNAMED %s 2>&1 | %FileCheck --check-prefix=UNNAMED %s
// RUN: not %asyncc --emit=dot -DVM_TYPEDEF %s 2>&1 | %FileCheck --check-prefix=VM_TYPEDEF %s
// RUN: not %asyncc --emit=dot -DVM_PARAM %s 2>&1 | %FileCheck --check-prefix=VM_PARAM %s
#include <asyncc.h>

async int f(int x)
{
    await(ac_yield());
    return x;
}

#ifdef UNNAMED
struct {
    int a;
} shared = {1};

async int g(void)
{
    __typeof__(shared) copy = shared;
    // UNNAMED: lowering_limits.c:[[@LINE-1]]:24: error: the type of 'copy' has no name asyncc can write in the frame; give it a tag or a typedef
    await(ac_yield());
    return copy.a;
}
#endif

#ifdef VM_TYPEDEF
async int g(int n)
{
    typedef struct cell {
        int v;
    } row[n];
    // VM_TYPEDEF: lowering_limits.c:[[@LINE-3]]:20: error: a typedef of run-time size cannot define a type too; define it in a declaration of its own, before the typedef
    row *p = 0;
    await(ac_yield());
    return p == 0 ? n : 0;
}
#endif

#ifdef VM_PARAM
async int g(int n, int (m)[n][n])
// VM_PARAM: lowering_limits.c:[[@LINE-1]]:25: error: asyncc cannot read the type of parameter 'm'; write it as 'T m[n][m]'
{
    await(ac_yield());
    return m[0][0];
}
#endif
