#include <asyncc.h>
#include <stdio.h>
async int id(int x) { await(ac_yield()); return x; }
static int g(int x) { return x * 3; }
async int main(void)
{
    int y = g(7);
    int z = y + await(id(1));
    printf("%d\n", z);
    int a = g(2), b = g(5);
    printf("%d %d\n", a, a * await(id(b)));
    int arr[4] = {0};
    int i = g(1) - 1;
    arr[i] = await(id(9));
    printf("%d %d\n", arr[2], arr[i]);
    int k = g(1);
    k += await(id(10));
    printf("%d\n", k);
    int m = g(4);
    printf("%d\n", m - await(id(2)));
    return 0;
}
// Adversarial: locals read in the same statement as an await, before it in the text
// RUN: %run %s %t  | %FileCheck %s
// CHECK: 22
// CHECK-NEXT: 6 90
// CHECK-NEXT: 9 9
// CHECK-NEXT: 13
// CHECK-NEXT: 10
// CHECK-NEXT: exit: 0
