// gcc's -Wvla-parameter and -Warray-parameter (which compare an async definition's array
// parameters with its prototype's) and -Wvla of a definition's `[n]` parameter come back from the
// output at the user's lines and columns (lower_witness.c: a declaration of the function with
// the definition's parameters as written): the rewritten definition has only the frame for a
// parameter, and brotli's decode.c made async lost them. The same CHECK lines hold for the
// source compiled as plain C and for the output, and clang says nothing new of the output.
// A size the body captures in the frame (`int m[n][n + 1]`: the pointee's) was written as that
// frame member in the declaration (`m[n][ac__fr->ac__vs1]`): "'ac__fr' undeclared here".
// RUN: %asyncc %s -o %t.c
// RUN: %cc -Wno-error -Wvla -c %t.c -o %t.o 2>&1 | %FileCheck %s --implicit-check-not=warning:
// RUN: %cc -Wno-error -Wvla -c %s -o %t.plain.o 2>&1 | %FileCheck %s --implicit-check-not=warning:
// RUN: %clang -std=gnu11 -Wall -Wextra -I%S/../../../include -c %t.c -o %t.o 2>&1 | %FileCheck %s --check-prefix=CLANG --allow-empty
// CLANG-NOT: warning:
// RUN: %cc -w -O1 %t.c -o %t.bin %libs && %t.bin
#include <asyncc.h>
#include <stddef.h>

async int dec(size_t n, const unsigned char buf[n]);
// CHECK-DAG: array_parameters.c:[[@LINE-1]]:{{[0-9]+}}: warning: ISO C90 forbids variable length array {{.*}}[-Wvla]
async int dec(size_t n, const unsigned char *buf)
// CHECK-DAG: array_parameters.c:[[@LINE-1]]:46: warning: argument 2 of type {{.*}} declared as a pointer [-Wvla-parameter]
{
    await(ac_yield());
    return n ? buf[0] : 0;
}

async int sum4(int a[4]);
async int sum4(int *a)
// CHECK-DAG: array_parameters.c:[[@LINE-1]]:21: warning: argument 1 of type {{.*}} declared as a pointer [-Warray-parameter=]
{
    await(ac_yield());
    return a[0] + a[3];
}

async int rows_sum(int n, int rows[n][2]);
// CHECK-DAG: array_parameters.c:[[@LINE-1]]:{{[0-9]+}}: warning: ISO C90 forbids variable length array {{.*}}[-Wvla]
async int rows_sum(int n, int rows[n][2])
// CHECK-DAG: array_parameters.c:[[@LINE-1]]:{{[0-9]+}}: warning: ISO C90 forbids variable length array {{.*}}[-Wvla]
{
    await(ac_yield());
    return rows[n - 1][1];
}

async int corner(int n, int m[n][n + 1]);
// CHECK-DAG: array_parameters.c:[[@LINE-1]]:{{[0-9]+}}: warning: ISO C90 forbids variable length array {{.*}}[-Wvla]
async int corner(int n, int m[n][n + 1])
// CHECK-DAG: array_parameters.c:[[@LINE-1]]:{{[0-9]+}}: warning: ISO C90 forbids variable length array {{.*}}[-Wvla]
{
    await(ac_yield());
    return m[n - 1][n];
}

async int main(void)
{
    unsigned char b[1] = {7};
    int a[4] = {1, 0, 0, 2}, rows[2][2] = {{0, 0}, {0, 4}}, m[2][3] = {{0}, {0, 0, 5}};
    return await(dec(1, b)) + await(sum4(a)) + await(rows_sum(2, rows)) + await(corner(2, m)) == 7 + 3 + 4 + 5 ? 0 : 1;
}
