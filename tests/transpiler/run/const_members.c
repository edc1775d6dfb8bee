// A struct or union with a const member anywhere inside (nested, in an array member, in a union)
// cannot be assigned as a whole in C, only initialized: frame locals, parameters, results, await
// temporaries and statement-expression values of such types are copied from an initialized
// temporary instead. csmith declares such structs everywhere.
// A temporary of such a type in a function that never suspends (a plain local there) is declared
// with `= {0}` before its copy: uninitialized, gcc's -Wc++-compat said "uninitialized const member".
// RUN: %asyncc %s -o %t.c
// RUN: %cc -Wc++-compat -Wno-jump-misses-init -c %t.c -o %t.o
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

struct s {
    const int a;
    int b;
};
struct inner {
    struct {
        const char tag;
    } k;
    int v;
};
struct outer {
    struct inner in[2];
    double d;
};
union u {
    const long l;
    int i;
};
struct arr {
    const int v[3];
};
typedef const struct s cs;

async struct s make(int a)
{
    struct s r = {a, a + 1};
    await(ac_yield());
    return r;
}

/* never suspends: awaits of it call its plain twin, whose temporaries are plain locals */
async struct s now(int a)
{
    struct s r = {a, 2};
    return r;
}

async struct s now_twice(int a)
{
    struct s first = await(now(a));
    return (struct s){first.a * 2, await(now(a)).b};
}

async struct outer mk_outer(struct s p, union u q, cs r)
{
    struct outer o = {{{{'x'}, p.a}, {{'y'}, q.i + r.a}}, 2.5};
    await(ac_yield());
    return o;
}

async int main(void)
{
    struct s x = await(make(3));
    const struct s cx = {9, 10};
    union u un = {.l = 7};
    struct arr ar = {{1, 2, 3}};
    struct s list[2] = {{1, 2}, {3, 4}};
    await(ac_yield());
    struct s y = await(now(5)), z = await(now_twice(6));
    struct outer o = await(mk_outer(x, un, cx));
    int t = ({ struct s w = await(make(11)); w.a; }) + await(make(4)).b;
    struct s pick = t > 0 ? await(make(20)) : x;
    await(ac_yield());
    // CHECK: 3 4 9 5 12 2 7 3 4 16
    printf("%d %d %d %d %d %d %ld %d %d %d\n", x.a, x.b, cx.a, y.a, z.a, z.b, un.l, ar.v[2], list[1].b, t);
    // CHECK: x 3 y 16 2.5 20
    printf("%c %d %c %d %.1f %d\n", o.in[0].k.tag, o.in[0].v, o.in[1].k.tag, o.in[1].v, o.d, pick.a);
    struct s w = ({
        await(ac_yield());
        await(make(30));
    });
    // CHECK: 30 31
    printf("%d %d\n", w.a, w.b);
    return 0;
}
// CHECK: exit: 0
