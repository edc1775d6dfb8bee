// A local named only inside a local type that moves to file scope (`typedef __typeof__(x) T;`,
// `enum { N = sizeof buf };`): the moved type says the type or the value instead of the name, so
// the output had no use of the local left and gcc and clang said "unused variable" at -O2 (at
// -O0 the debug copies use it), where the source is quiet. `(void)sizeof(x);` stands where the
// declaration stood, at statement level, inside a block copied as written, before a declaration
// of variables beside such a type.
// RUN: %run %s %t | %FileCheck %s
// RUN: %asyncc %s -o %t.o2.c && %cc -O2 -c %t.o2.c -o %t.o2.o && %clang -std=gnu11 -Wall -Wextra -Werror -O2 -I%S/../../../include -fsyntax-only %t.o2.c
#include <asyncc.h>
#include <stdio.h>

async int id(int x) { await(ac_yield()); return x; }

async int only_in_types(int k, short p)
{
    long proto = 0;
    typedef __typeof__(proto) T;
    char buf[24];
    enum { N = sizeof buf };
    static double s;
    struct rec { __typeof__(p) a; __typeof__(s) b; } r = {2, 0.5};
    T t = await(id(k));
    int q2 = 0;
    struct qt2 { __typeof__(q2) a; } qv2 = {await(id(7))}, qw = qv2;
    if (k > 0) {
        unsigned char u = 1;
        typedef __typeof__(u + 0) W;
        W w = 3;
        int q = 0;
        struct qt { __typeof__(q) a; } qv = {5};
        const int c = 0;
        const struct ct { __typeof__(c) a; } cv = {6};
        printf("block %zu %d %d %d\n", sizeof(W), w, qv.a, cv.a);
    }
again:;
    int g = 0;
    typedef __typeof__(g) G;
    G gg = await(id(k + 1));
    if (gg < 3)
        goto again;
    await(ac_yield());
    printf("types %ld %d %zu %d %.1f %d %d\n", (long)t, N, sizeof r.a, r.a, r.b, qv2.a, qw.a);
    return 0;
}
// CHECK: block 4 3 5 6
// CHECK-NEXT: types 4 24 2 2 0.5 7 7

async int main(void)
{
    await(only_in_types(4, 1));
    return 0;
}
// CHECK-NEXT: exit: 0
