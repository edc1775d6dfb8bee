#include <asyncc.h>
#include <stdio.h>
async int id(int x) { await(ac_yield()); return x; }
async void vnote(int *p, int v) { await(ac_yield()); *p += v; }
async void vret(int *p, int n)
{
    _Static_assert(sizeof(int) >= 2, "int");
    for (int i = 0; ; i++) {
        if (i == n) return await(vnote(p, 1000));
        await(vnote(p, 1));
    }
}
async int *counter(void) { static int c; await(ac_yield()); c++; return &c; }
async int main(void)
{
    int v = 0;
    await(vret(&v, 3));
    int *c = await(counter());
    await(counter());
    printf("%d %d\n", v, *c);
    int n = await(id(3));
    {
        int r[n];
        for (int i = 0; i < n; i++) r[i] = i * 2;
        printf("%d %zu\n", r[2], sizeof r);
    }
    await(ac_yield());
    return 0;
}
// Adversarial: void async returning await of void, static-local pointers kept across awaits, _Static_assert, VLA between awaits
// RUN: %run %s %t  | %FileCheck %s
// CHECK: 1003 2
// CHECK-NEXT: 4 12
// CHECK-NEXT: exit: 0
