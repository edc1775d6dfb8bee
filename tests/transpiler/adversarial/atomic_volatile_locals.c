#include <asyncc.h>
#include <stdio.h>
#include <stdatomic.h>
async int main(void)
{
    _Atomic int ai = 1;
    volatile int vi = 2;
    atomic_int an = 3;
    await(ac_yield());
    printf("%d %d %d %d\n", _Generic(&ai, _Atomic int *: 1, default: 0), _Generic(&an, atomic_int *: 1, default: 0), (int)ai, vi);
    return 0;
}
// Adversarial: _Atomic, atomic_int and volatile frame locals keep their qualifiers (_Generic on their addresses)
// RUN: %run %s %t  | %FileCheck %s
// CHECK: 1 1 1 2
// CHECK-NEXT: exit: 0
