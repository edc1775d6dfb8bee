// A local type defined together with its variables moves to file scope with the attributes after
// its closing brace, which are the type's (`struct pk { ... } __attribute__((packed)) p;`): it
// moved without them, so a frame local of it was 8 bytes where the source's is 5, and one aligned
// to 32 lay at 1 (silent); where the declaration stays, it said `struct pk __attribute__((packed))
// p`, which gcc ignores with a warning. An unnamed one with attributes before its brace (`struct
// __attribute__((packed)) { ... } q;`) got its new name after them, and the output did not
// compile ("expected identifier or '(' before '{' token").
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

async int id(int x) { await(ac_yield()); return x; }

async int named(int k)
{
    struct pk { char c; int i; } __attribute__((packed)) p = {1, await(id(k))};
    struct al { char c; } __attribute__((aligned(32))) a = {2};
    struct pk2 { char c; int i; } __attribute__((packed)) p2 = {3, 4}, *pp = &p2;
    {
        struct st { char c; long l; } __attribute__((packed)) s = {5, 6};
        printf("stays %zu %d\n", sizeof s, (int)s.l);
    }
    await(ac_yield());
    printf("named %zu %zu %zu %zu %d\n", sizeof p, sizeof a, _Alignof(struct al), sizeof *pp, p.i + a.c + pp->i);
    return 0;
}
// CHECK: stays 9 6
// CHECK-NEXT: named 5 32 32 5 15

async int unnamed(int k)
{
    struct { char c; int i; } __attribute__((packed)) p = {1, await(id(k))};
    struct __attribute__((packed)) { char c; long l; } q = {2, 3};
    union __attribute__((packed)) { char c; int i; short s[3]; } u = {.s = {4, 5, 6}};
    struct { char c; } __attribute__((aligned(32))) a = {7};
    await(ac_yield());
    printf("unnamed %zu %zu %zu %zu %d\n", sizeof p, sizeof q, sizeof u, sizeof a, p.i + (int)q.l + u.s[2] + a.c);
    return 0;
}
// CHECK-NEXT: unnamed 5 9 6 32 25

async int main(void)
{
    await(named(9));
    await(unnamed(9));
    return 0;
}
// CHECK-NEXT: exit: 0
