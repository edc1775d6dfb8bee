// Functions without a prototype are not variadic: `int f()` definitions, K&R definitions (their
// narrow parameters promoted as a call without a prototype passes them), a declaration without
// parameters before the definition, and a call before any declaration (C89's implicit int) were
// all refused with "cannot be variadic".
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

async double kr();

async int empty()
{
    await(ac_yield());
    return 3;
}

async int knr(a, b)
int a;
char b;
{
    await(ac_yield());
    return a + b;
}

async int main()
{
    int x = await(empty());
    int y = await(knr(1, 2));
    int z = await(later(4, 'a'));
    double d = await(kr(2.5f, 'b', 3));
    printf("%d %d %d %.1f\n", x, y, z, d);
    // CHECK: 3 3 105 103.5
    return 0;
}

async int later(int v, int c)
{
    await(ac_yield());
    return v * 2 + c;
}

async double kr(f, c, s)
float f;
unsigned char c;
short s;
{
    await(ac_yield());
    return f + c + s;
}
// CHECK-NEXT: exit: 0
