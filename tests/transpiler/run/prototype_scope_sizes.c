// The size of a parameter in a function declarator inside a body (a block-scope prototype, a
// function pointer's type, a typedef of a function type, a cast, sizeof) is at prototype scope:
// C never evaluates it (C11 6.7.6.2p5, as `*`), and neither do gcc and clang, so an await there
// never runs. It was taken for code: an internal error, a marker left in a typedef, a hoisted
// await that ran.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>
async int f(int x)
{
    printf("f%d\n", x);
    await(ac_yield());
    return x;
}
static int h(int n, int a[]) { return a[0] + n; }
async int g(int n)
{
    int undefined_elsewhere(int n, int a[await(f(1))]);
    int a[2] = {5, 6};
    int t = h(n, a);
    t += (int)sizeof(int (*)(int b[await(f(2))]));
    int (*fp)(int, int c[await(f(3))]) = h;
    t += fp(1, a);
    typedef int ft(int, int d[await(f(4))]);
    ft *fp2 = h;
    t += fp2(2, a);
    t += ((int (*)(int, int e[await(f(5))]))h)(3, a);
    __typeof__(int (*)(int, int e[await(f(6))])) fp3 = h;
    struct ops { int (*cb)(int, int a[await(f(8))]); } o = {h};
    t += o.cb(1, a);
    for (int i = 0; i < n; i++) {
        int (*fp4)(int, int e[await(f(7))]) = h;
        t += fp4(i, a) + await(f(10));
    }
    // CHECK: f10
    // CHECK-NEXT: f10
    return t + fp3(0, a) + await(f(9));
    // CHECK-NEXT: f9
}
async int main(void)
{
    printf("%d\n", await(g(2)));
    // CHECK-NEXT: 87
    return 0;
}
// CHECK-NEXT: exit: 0
