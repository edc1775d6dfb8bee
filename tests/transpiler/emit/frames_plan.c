// --emit=frames answers from the plan alone: code generation never runs for it (with
// ASYNCC_FORBID_LOWERING set, asyncc exits if it does), and the frame it lays out is the one the
// generated code declares: frames_asserts.py turns each listed member's offset and size, each
// struct's size and alignment and the number of members into static assertions on the compiled
// output. The input has every kind of member: temporaries (&&, ?:, statement expressions, results),
// locals of variably modified type with their captured sizes, a typedef of run-time size, embedded,
// header-sized and arena child frames, combinator masks, moved and unnamed local types, a compound
// literal kept in the frame, an aligned local, sibling blocks sharing bytes.
// RUN: env ASYNCC_FORBID_LOWERING=1 %asyncc --emit=frames %s > %t.frames
// RUN: %FileCheck %s < %t.frames
// RUN: %asyncc -o %t.c %s
// RUN: %python %S/Inputs/frames_asserts.py %t.frames %t.c > %t.check.c
// RUN: %cc -fsyntax-only %t.check.c
// RUN: not env ASYNCC_FORBID_LOWERING=1 %asyncc -o %t.2.c %s 2>&1 | %FileCheck %s --check-prefix=LOWERS
// The same comparison for inputs of the other tests (moved and renamed local types, statement
// expressions, combinators, qualified arrays, compound literals, variably modified types):
// RUN: bash %S/Inputs/frames_check.sh %asyncc %python "%cc" %S/.. %t.o run/unnamed_type_values.c run/variably_modified.c run/qualified_arrays.c run/local_type_renames.c
// RUN: bash %S/Inputs/frames_check.sh %asyncc %python "%cc" %S/.. %t.o run/evaluation_and_lifetimes.c run/stmt_expr_and_types.c run/combinators.c adversarial/declarations.c
// LOWERS: asyncc: code generation ran, and ASYNCC_FORBID_LOWERING forbids it
#include <asyncc.h>

async int elsewhere(int x); /* defined in another file: its frame is in the task's arena */

async int leaf(int x)
{
    await(ac_yield());
    return x;
}

async double half(int x)
{
    await(ac_yield());
    return x / 2.0;
}

struct pair {
    int a, b;
};

// CHECK-LABEL: async int temporaries
// CHECK-DAG: ac__t{{[0-9]+}} {{ *}}int {{ *}}temporary of an expression with awaits
// CHECK-DAG: ac__t{{[0-9]+}} {{ *}}double {{ *}}temporary of an expression with awaits
// CHECK-DAG: ac__lit{{[0-9]+}} {{ *}}struct pair {{ *}}compound literal alive across an await
// CHECK: states:
async int temporaries(int c, const char *s)
{
    int x = c && await(leaf(1));
    double d = c ? await(half(3)) : 1.5;
    long v = ({ long t = await(leaf(2)); t * 10; });
    struct pair *p = &(struct pair){1, 2};
    _Alignas(64) char aligned[3] = {1, 2, 3};
    await(ac_yield());
    return x + (int)d + (int)v + p->a + aligned[1] + (s ? s[0] : 0) + await(elsewhere(c));
}

// CHECK-LABEL: async int variably_modified
// CHECK: ac__vs{{[0-9]+}} {{ *}}__SIZE_TYPE__ {{ *}}a size of a variably modified type
// CHECK: rows {{.*}}local, lives across an await
async int variably_modified(int n, int m[n][n + 1])
{
    typedef int row[n];
    int (*rows)[n + 2] = 0;
    row *rp = 0;
    await(ac_yield());
    return (int)sizeof *rows + (int)sizeof *rp + m[0][0];
}

// CHECK-LABEL: async int children
// CHECK: union {  (members share these bytes)
// CHECK: ac__m{{[0-9]+}} {{ *}}unsigned int {{ *}}combinator: one bit per finished child
async int children(int c)
{
    struct local { int k; } l = {c};
    struct { short s; } unnamed = {2};
    int a = 0, b = 0;
    if (c) {
        long before = await(leaf(c));
        await(ac_join(a = leaf(1), b = leaf(2)));
        return (int)before + a + b;
    } else {
        double other = await(half(c));
        int which = await(ac_select(leaf(3), elsewhere(4)));
        return (int)other + which + l.k + unnamed.s;
    }
}

// The awaits in the sizes of a stack local of variably modified type (not in the frame: no await
// follows in its block) run in the order the plan numbered them, whether the declaration is copied
// as written or taken apart (two declarators): lowering reports an internal error otherwise.
// CHECK-LABEL: async int vm_sizes_in_order
// CHECK: states:
// CHECK-NEXT: 0  start
// CHECK-NEXT: 1  {{.*}}frames_plan.c:[[@LINE+7]]  await leaf()
// CHECK-NEXT: 2  {{.*}}frames_plan.c:[[@LINE+6]]  await leaf()
// CHECK-NEXT: 3  {{.*}}frames_plan.c:[[@LINE+9]]  await leaf()
// CHECK-NEXT: 4  {{.*}}frames_plan.c:[[@LINE+8]]  await leaf()
async int vm_sizes_in_order(void)
{
    {
        int (*p)[await(leaf(2))][await(leaf(3))] = 0;
        (void)p;
    }
    {
        int a = 1, (*q)[await(leaf(4))][await(leaf(5))] = 0;
        return a + (int)sizeof *q;
    }
}
