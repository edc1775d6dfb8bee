// _Alignas(sizeof(T[N])) and aligned(sizeof(T[N][M])) on locals that live across awaits: the
// size of an array type is its element's times its lengths (asyncc's evaluation of alignments
// read `int[4]` as no type and refused them, though sizeof of a type is one it takes).
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdint.h>
#include <stdio.h>
struct s8 { char c[8]; };
async int f(int x) { await(ac_yield()); return x; }
async int g(int n)
{
    _Alignas(sizeof(int[4])) char a[3] = {1};
    char b[3] __attribute__((aligned(sizeof(struct s8[2][2])))) = {2};
    _Alignas(sizeof(long double[2])) char c[3] = {3};
    _Alignas(int[4]) char d[3] = {4};
    int ok = 0;
    for (int i = 0; i < n; i++) {
        _Alignas(sizeof(char *[8])) char e[3] = {5};
        await(f(i));
        ok += (uintptr_t)e % 64 == 0;
    }
    await(f(0));
    ok += ((uintptr_t)a % 16 == 0) + ((uintptr_t)b % 32 == 0) + ((uintptr_t)c % 32 == 0) + ((uintptr_t)d % 4 == 0);
    return ok * 100 + a[0] + b[0] + c[0] + d[0];
}
async int main(void)
{
    printf("%d\n", await(g(2)));
    // CHECK: 610
    return 0;
}
// CHECK-NEXT: exit: 0
