// Frame variables kept as C locals of their own names (lower_locals.c), stored to the frame when
// the function suspends and loaded when it resumes: declared without initializer and assigned on
// one path only (no -O2 maybe-uninitialized warning on the store), a switch body's declaration
// before its first case (stays in the frame), an outer variable hidden by an inner one of the
// same name (stays in the frame), statement-expression locals, a goto back over an await,
// combinator targets, parameters assigned, pointers and floating types, a for loop variable.
// RUN: %run %s %t | %FileCheck %s
// RUN: %cc -O2 -c %t.async.c -o %t.o
// RUN: %cc -O3 -c %t.async.c -o %t.o
#include <asyncc.h>
#include <stdio.h>

async int id(int x)
{
    await(ac_yield());
    return x;
}

async double halve(double d)
{
    await(ac_yield());
    return d / 2;
}

async int paths(int c)
{
    int x;
    if (c)
        x = 7;
    await(ac_yield());
    int y;
    switch (c) {
        int z;
    case 1:
        z = 4;
        await(ac_yield());
        y = z;
        break;
    default:
        y = 0;
    }
    return c ? x + y : y;
}

async int shadows(int n)
{
    int i = 100;
    for (int k = 0; k < n; k++) {
        int i = k * 10; /* hides the outer i */
        i += await(id(k));
        printf("inner %d\n", i);
    }
    return i + await(id(1));
}

async long params(long a, const char *s, double d)
{
    a += await(id(2));
    s++;
    d = await(halve(d));
    int r = ({ int t = 3; t += await(id(t)); t; }) + ({ int t = 5; await(ac_yield()); t; });
    int laps = 0;
again:
    laps++;
    await(ac_yield());
    if (laps < 3)
        goto again;
    int p = 0, q = 0;
    await(ac_join(p = id(11), q = id(12)));
    printf("%ld %s %.2f %d %d %d %d\n", a, s, d, r, laps, p, q);
    return a + r + laps + p + q;
}

async int main(void)
{
    printf("paths %d %d\n", await(paths(1)), await(paths(0)));
    printf("shadows %d\n", await(shadows(3)));
    printf("params %ld\n", await(params(40, "xyz", 5.0)));
    return 0;
}
// CHECK: paths 11 0
// CHECK-NEXT: inner 0
// CHECK-NEXT: inner 11
// CHECK-NEXT: inner 22
// CHECK-NEXT: shadows 101
// CHECK-NEXT: 42 yz 2.50 11 3 11 12
// CHECK-NEXT: params 79
// CHECK-NEXT: exit: 0
