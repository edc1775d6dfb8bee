// Locals with an alignment of their own live in the frame with it: _Alignas of a type, of
// sizeof, of a suffixed constant, and the bare aligned attribute were refused ("asks for an
// alignment that a frame does not guarantee") because only a plain integer was understood, and
// the alignment that was understood was dropped from the frame field.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdint.h>
#include <stdio.h>

typedef struct {
    double d;
} wide;

#define ALIGNED(p, n) (((uintptr_t)(p) & ((n) - 1)) == 0)

async int main(void)
{
    char pad1 = 1;
    _Alignas(double) char a[3];
    char pad2 = 2;
    _Alignas(sizeof(double)) char b[3];
    char pad3 = 3;
    _Alignas(16u) char c[3];
    char pad4 = 4;
    char d[3] __attribute__((aligned));
    char pad5 = 5;
    _Alignas(wide) char e[3];
    char pad6 = 6;
    char f[3] __attribute__((__aligned__(2 * 4)));
    await(ac_yield());
    printf("%d %d %d %d %d %d\n", ALIGNED(a, 8), ALIGNED(b, 8), ALIGNED(c, 16), ALIGNED(d, 16), ALIGNED(e, 8),
           ALIGNED(f, 8));
    // CHECK: 1 1 1 1 1 1
    printf("%d\n", pad1 + pad2 + pad3 + pad4 + pad5 + pad6);
    // CHECK-NEXT: 21
    return 0;
}
// CHECK-NEXT: exit: 0
