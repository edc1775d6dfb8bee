// A local type whose definition takes the type of an expression naming locals (`typedef
// __typeof__(x) T;`, as a SWAP macro writes it; a member `__typeof__(n) id;`; a block-scope extern
// or static local) moves to file scope saying that type, as `sizeof buf` says its value: it was
// refused ("this local type refers to a local variable"). One holding a statement expression
// (`__typeof__(({ ... }))`) moved as written, which file scope cannot have: "braced-group within
// expression allowed only inside a function". Variably modified and unnamed types are still
// refused: diag/local_type_refers_local.c.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

int gx = 5;
async int id(int x) { await(ac_yield()); return x; }
#define SWAP(a, b) do { typedef __typeof__(a) T_; T_ t_ = (a); (a) = (b); (b) = t_; } while (0)

async int swaps(int k)
{
    long x = await(id(k)), y = 5;
    SWAP(x, y);
    typedef __typeof__(x) *ptr;
    ptr p = &x;
    typedef __typeof__(x) TX;
    TX z = await(id(3));
    await(ac_yield());
    printf("swaps %ld %ld %ld %zu\n", *p, y, z, sizeof(TX));
    return 0;
}
// CHECK: swaps 5 9 3 8

async int members(short n)
{
    struct rec { __typeof__(n) id; int k; } r = {n, 0}, s = r;
    struct { __typeof__(n) id; } u = {n};
    extern int gx;
    static long sl = 3;
    struct g { __typeof__(gx) a; __typeof__(sl) b; char pad[sizeof gx]; } v = {await(id(gx)), sl, {0}};
    struct t { __typeof__(({ int one = 1; one; })) a; } w = {await(id(2))};
    await(ac_yield());
    printf("members %d %d %zu %d %d %ld %zu %d %zu\n", r.id, s.k, sizeof r.id, u.id, v.a, v.b, sizeof v.pad, w.a, sizeof w.a);
    return 0;
}
// CHECK-NEXT: members 7 0 2 7 5 3 4 2 4

async int main(void)
{
    await(swaps(9));
    await(members(7));
    return 0;
}
// CHECK-NEXT: exit: 0
