// Local types move to file scope with the frame. One whose name file scope already has (a tag, a
// typedef, an enumerator, or another function's local type moved before) moves under a new name,
// ac__NAME_FUNCTION_N, and every use of it in the function says that name, while uses of the
// file-scope one before the local declaration keep theirs (c-testsuite 00044); also a name file
// scope declares only after the function (`int K;` below an enumerator K). So does an
// enumerator that a local variable staying on the stack would hide at file scope. A type defined
// together with its variables (`struct p { int x; } a, b;`, c-testsuite 00018) moves alone.
// RUN: %run %s %t | %FileCheck %s
// RUN: %asyncc --emit=c %s | %FileCheck --check-prefix=EMIT %s
#include <asyncc.h>
#include <stdio.h>

struct node {
    int v;
};
typedef int count_t;
enum { RED = 7 };

async int id(int x)
{
    await(ac_yield());
    return x;
}

async int collide(void)
{
    struct node outer = {await(id(5))};
    count_t before = 3;
    struct node {
        double d;
        struct node *self;
    };
    // EMIT: struct ac__node_collide_1 {
    // EMIT-NEXT: double d;
    // EMIT-NEXT: struct ac__node_collide_1 *self;
    typedef long count_t;
    typedef struct node node_t;
    enum { RED = 40, GREEN = RED + 2 };
    struct node n = {1.5, 0};
    node_t *pn = &n;
    n.self = &n;
    count_t c = (count_t)sizeof(struct node);
    await(ac_yield());
    printf("outer %d %d %zu\n", outer.v, before, sizeof outer);
    printf("inner %g %d %zu %zu %d %d\n", pn->self->d, (int)c, sizeof(count_t), sizeof(node_t), RED, GREEN);
    return RED;
}
// CHECK: outer 5 3 4
// CHECK-NEXT: inner 1.5 16 8 16 40 42

async int sibling_blocks(void)
{
    int r = 0;
    {
        struct pair {
            int a, b;
        } p = {1, 2};
        await(ac_yield());
        r += p.a + p.b;
    }
    {
        struct pair {
            char c[5];
        } q = {"abcd"};
        await(ac_yield());
        r += q.c[3] + (int)sizeof(struct pair);
    }
    return r;
}

async int hidden_enumerator(void)
{
    int K = 1;
    int r = K;
    {
        enum { K = 50 };
        await(ac_yield());
        r += K;
    }
    return r;
}

async int defined_with_variables(void)
{
    struct p {
        int x;
        int y;
    } s, *ps = &s;
    struct p *q;
    struct later *fwd = 0, *fwd2 = 0; /* first declared here, with its variables */
    q = &s;
    s.x = 1;
    ps->y = await(id(2));
    await(ac_yield());
    enum e { A = 3, B } e1 = B, e2 = await(id(A));
    union u { int i; char c; } u1 = {await(id(6))}, u2 = u1;
    return q->y + q->x + e1 + e2 + u2.i + (fwd == fwd2);
}

async int two(void)
{
    return 2;
}

/* never suspends: its body stays a plain C function (a twin), where the type stays local */
async int twin_declaration(void)
{
    struct tw {
        int x;
    } a = {await(two())}, b = a;
    return a.x + b.x;
}

async int later_global(void)
{
    enum { LATER = 3 } v = LATER; /* a file-scope variable LATER is defined below */
    await(ac_yield());
    return v;
}

async int main(void)
{
    printf("collide %d\n", await(collide()));
    printf("sibling %d\n", await(sibling_blocks()));
    printf("hidden %d\n", await(hidden_enumerator()));
    printf("defined_with_variables %d\n", await(defined_with_variables()));
    printf("later_global %d\n", await(later_global()));
    printf("twin %d\n", await(twin_declaration()));
    struct node g = {RED};
    count_t k = 2;
    printf("file scope %d %zu\n", g.v, sizeof k);
    return 0;
}
// CHECK-NEXT: collide 40
// CHECK-NEXT: sibling 108
// CHECK-NEXT: hidden 51
// CHECK-NEXT: defined_with_variables 17
// CHECK-NEXT: later_global 3
// CHECK-NEXT: twin 4
// CHECK-NEXT: file scope 7 4
// CHECK-NEXT: exit: 0

int LATER = 7;
