// The size expression of an array parameter runs when the function is entered (C11 6.9.1p10),
// also after `static` and type qualifiers (`int a[static f(n)]`, `int a[const n]`), and a
// parameter named only in another parameter's size is used, as in C: no -Wunused-parameter in the
// output (the size was taken for a type name and never run; the output warned "unused parameter").
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>
static int calls;
static int side(int v)
{
    calls++;
    printf("side %d\n", v);
    return v;
}
async int qualified_static(int n, int a[static side(n)]) { await(ac_yield()); return a[0] + n; }
async int qualified_const(int n, int a[const side(n + 1)]) { return a[1] + n; }
async int two_qualifiers(int n, int a[restrict static side(n + 2)]) { await(ac_yield()); return a[1] + n; }
async int size_only(int n, int a[n]) { await(ac_yield()); return a[0]; }
async int size_only_twin(int n, int k, int a[static n + k]) { return a[1]; }
async int matrix(int n, int m[static 2][side(n)]) { await(ac_yield()); return m[1][0] + (int)sizeof m[0]; }
async int main(void)
{
    int a[4] = {5, 6, 7, 8};
    int m[2][3] = {{1, 2, 3}, {4, 5, 6}};
    int t = 0;
    for (int i = 1; i < 3; i++)
        t += await(qualified_static(i, a));
    // CHECK: side 1
    // CHECK-NEXT: side 2
    t += await(qualified_const(1, a)) + await(two_qualifiers(1, a));
    // CHECK-NEXT: side 2
    // CHECK-NEXT: side 3
    t += await(size_only(2, a)) + await(size_only_twin(1, 1, a)) + await(matrix(3, m));
    // CHECK-NEXT: side 3
    printf("%d %d\n", t, calls);
    // CHECK-NEXT: 54 5
    return 0;
}
// CHECK-NEXT: exit: 0
