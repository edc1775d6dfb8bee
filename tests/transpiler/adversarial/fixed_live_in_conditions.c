#include <asyncc.h>
#include <stdio.h>
async int id(int x) { await(ac_yield()); return x; }
static int g(int x) { return x * 3; }
struct pt { int x, y; };
async int main(void)
{
    int y = g(7);
    int z = y > 5 ? y + await(id(1)) : 0;
    printf("%d\n", z);
    int a = g(2);
    int r = (a && await(id(1))) ? a : -1;
    printf("%d\n", r);
    struct pt p = {g(1), g(2)};
    struct pt q = {p.x + await(id(1)), p.y};
    printf("%d %d\n", q.x, q.y);
    int m = g(4);
    if (m == 12 && await(id(m)) == 12) printf("ok %d\n", m);
    int n = g(5);
    while (n > 14 && await(id(n)) > 0) n--;
    printf("%d\n", n);
    int s = g(6);
    s = s + ({ int t = await(id(1)); t; });
    printf("%d\n", s);
    int u = g(3);
    switch (u + await(id(0))) { case 9: printf("nine\n"); break; default: printf("other\n"); }
    return 0;
}
// Adversarial: locals read before an await inside ?:, &&, initializer lists, while/if/switch conditions
// RUN: %run %s %t  | %FileCheck %s
// CHECK: 22
// CHECK-NEXT: 6
// CHECK-NEXT: 4 6
// CHECK-NEXT: ok 12
// CHECK-NEXT: 14
// CHECK-NEXT: 19
// CHECK-NEXT: nine
// CHECK-NEXT: exit: 0
