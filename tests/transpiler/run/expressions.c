// Awaits anywhere an expression may be: short-circuit kept for && and ||, both arms of ?:, comma,
// nested awaits, several in one expression evaluated left to right, arguments, assignments.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

static int calls;

async int val(int x)
{
    await(ac_yield());
    calls++;
    printf("val(%d)\n", x);
    return x;
}

static int add3(int a, int b, int c)
{
    return a + b + c;
}

async int main(void)
{
    int r = await(val(0)) && await(val(1));
    printf("and %d\n", r);
    // CHECK: val(0)
    // CHECK-NEXT: and 0
    r = await(val(2)) || await(val(3));
    printf("or %d\n", r);
    // CHECK-NEXT: val(2)
    // CHECK-NEXT: or 1
    r = await(val(0)) || await(val(4));
    printf("or2 %d\n", r);
    // CHECK-NEXT: val(0)
    // CHECK-NEXT: val(4)
    // CHECK-NEXT: or2 1
    r = await(val(1)) ? await(val(5)) : await(val(6));
    printf("cond %d\n", r);
    // CHECK-NEXT: val(1)
    // CHECK-NEXT: val(5)
    // CHECK-NEXT: cond 5
    r = (calls = 100, await(val(7)));
    printf("comma %d %d\n", r, calls);
    // CHECK-NEXT: val(7)
    // CHECK-NEXT: comma 7 101
    r = await(val(await(val(8)) + 1));
    printf("nested %d\n", r);
    // CHECK-NEXT: val(8)
    // CHECK-NEXT: val(9)
    // CHECK-NEXT: nested 9
    r = add3(1, await(val(12)), 3);
    printf("args %d\n", r);
    // CHECK-NEXT: val(12)
    // CHECK-NEXT: args 16
    int arr[3] = {0, 0, 0};
    arr[1] += await(val(40));
    printf("lvalue %d\n", arr[1]);
    // CHECK-NEXT: val(40)
    // CHECK-NEXT: lvalue 40
    if (await(val(0)) && await(val(99)))
        printf("never\n");
    // CHECK-NEXT: val(0)
    // CHECK-NOT: val(99)
    return await(val(0));
}
// CHECK: exit: 0
