#include <asyncc.h>
#include <stdio.h>
async int id(int x) { await(ac_yield()); return x; }
async int main(void)
{
    static void *tbl[] = {&&a, &&b, &&c};
    int s = 0, i = 0;
    goto *tbl[0];
a:  s += await(id(1)); i++; goto *tbl[i];
b:  s += await(id(10)); i++; goto *tbl[i];
c:  printf("%d\n", s);
    return 0;
}
// Adversarial: labels as values and computed goto across awaits
// RUN: %run %s %t  | %FileCheck %s
// CHECK: 11
// CHECK-NEXT: exit: 0
