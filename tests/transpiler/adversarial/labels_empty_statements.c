#include <asyncc.h>
#include <stdio.h>
async int id(int x) { await(ac_yield()); return x; }
async int main(void)
{
    int i = 0, s = 0;
    for (;; await(ac_yield())) if (++i > 3) break;
    if (i == 4) lab1: s += await(id(1));
    else lab2: s += await(id(100));
    if (s < 3) goto lab1;
    if (s == 3) goto lab2;
    while (await(id(s++)) < 200) ;
    do ; while (await(id(0)));
    { ; ; }
    switch (await(id(2))) case 2: s += await(id(1000));
    switch (await(id(3))) { default: ; }
    printf("%d %d\n", i, s);
    return 0;
}
// Adversarial: labels on unbraced if/else arms entered by goto, empty loop bodies and headers with awaits, unbraced switch bodies
// RUN: %run %s %t  | %FileCheck %s
// CHECK: 4 1201
// CHECK-NEXT: exit: 0
