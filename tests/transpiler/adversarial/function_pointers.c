// Adversarial: function-pointer locals and parameters, pointer-to-array, async results that are function pointers, long double/_Complex/_Bool locals
// RUN: %run %s %t  | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>
typedef int (*unop)(int);
static int neg(int v) { return -v; }
static int sq(int v) { return v * v; }
async int id(int x) { await(ac_yield()); return x; }
async int apply(int (*fp)(int), int v) { await(ac_yield()); return fp(v); }
async int apply2(unop f, unop g, int v) { await(ac_yield()); return g(f(v)); }
async unop pick(int which) { await(ac_yield()); return which ? sq : neg; }
async int rows(int (*m)[3], int n) { int s = 0; for (int i = 0; i < n; i++) s += m[i][await(id(i))]; return s; }
async int main(void)
{
    int (*fp)(int) = neg;
    unop table[2] = {neg, sq};
    int (*pa)[3];
    int m[3][3] = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
    pa = m;
    int (*(*ff)(int))(int) = 0;
    (void)ff;
    await(ac_yield());
    printf("%d %d %d\n", fp(3), table[1](await(id(4))), pa[1][2]);
    printf("%d %d\n", await(apply(sq, 5)), await(apply2(neg, sq, 6)));
    unop u = await(pick(1));
    int u7 = u(7);
    int m8 = await(pick(0))(8);
    printf("%d %d\n", u7, m8);
    printf("%d\n", await(rows(m, 3)));
    long long ll = 1LL << 40; unsigned char uc = 255; short sh = -3; long double ld = 1.5L; _Bool b = 1;
    float _Complex z = 1.0f;
    await(ac_yield());
    printf("%lld %u %d %.1Lf %d %.1f\n", ll, uc, sh, ld, b, (double)__real__ z);
    return 0;
}
// CHECK: -3 16 6
// CHECK-NEXT: 25 36
// CHECK-NEXT: 49 -8
// CHECK-NEXT: 15
// CHECK-NEXT: 1099511627776 255 -3 1.5 1 1.0
// CHECK-NEXT: exit: 0
