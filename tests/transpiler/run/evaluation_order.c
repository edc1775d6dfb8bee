// Several awaits in one expression run left to right, whatever order C leaves unspecified for
// the plain calls (so this test has no sequential twin: NO-SEQUENTIAL).
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

async int val(int x)
{
    await(ac_yield());
    printf("val(%d)\n", x);
    return x;
}

static int sum3(int a, int b, int c)
{
    return a * 100 + b * 10 + c;
}

async int main(void)
{
    int r = await(val(1)) * 100 + await(val(2));
    printf("sum %d\n", r);
    // CHECK: val(1)
    // CHECK-NEXT: val(2)
    // CHECK-NEXT: sum 102
    r = sum3(await(val(3)), await(val(4)), await(val(5)));
    printf("args %d\n", r);
    // CHECK-NEXT: val(3)
    // CHECK-NEXT: val(4)
    // CHECK-NEXT: val(5)
    // CHECK-NEXT: args 345
    int arr[4] = {0};
    arr[await(val(1))] = await(val(3));
    printf("arr %d\n", arr[1]);
    // CHECK-NEXT: val(1)
    // CHECK-NEXT: val(3)
    // CHECK-NEXT: arr 3
    return 0;
}
// CHECK: exit: 0
