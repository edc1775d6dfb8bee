// Miscompiles and rejections found by adversarial review, each fixed and pinned here: a local
// read earlier in the same expression as an await, combinator targets using locals, an array
// member decaying to a pointer, a compound literal pointed to across an await, array and VLA
// parameters, __func__, a const result type, a cleanup local in a case ending with break, an
// await on the left of a comma, and loop pragmas before loops that asyncc rebuilds.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

async int id(int x)
{
    await(ac_yield());
    return x;
}

static int triple(int x)
{
    return x * 3;
}

struct named {
    int n;
    char name[16];
};

static void release(int *p)
{
    printf("cleanup %d\n", *p);
}

async int first(int arr[])
{
    await(ac_yield());
    return arr[0];
}

async int sum2(int arr[2])
{
    await(ac_yield());
    return arr[0] + arr[1];
}

async int vla_sum(int n, int v[n])
{
    await(ac_yield());
    return v[0] + v[n - 1];
}

async const int constant(void)
{
    await(ac_yield());
    return 5;
}

async int name_of(void)
{
    await(ac_yield());
    printf("%s %s\n", __func__, __FUNCTION__);
    return 0;
}

async int with_cleanup(int c)
{
    switch (c) {
    case 1: {
        int r __attribute__((cleanup(release))) = 500;
        await(ac_yield());
        printf("one\n");
        break;
    }
    default:
        break;
    }
    return 0;
}

async int main(void)
{
    int y = triple(7);
    printf("%d\n", y + await(id(1)));
    // CHECK: 22

    int arr[4] = {0, 0, 0, 0}, i = 1, *p = &arr[3];
    await(ac_join(arr[0] = id(10), arr[i] = id(11), *p = id(13)));
    printf("%d %d %d %d\n", arr[0], arr[1], arr[2], arr[3]);
    // CHECK-NEXT: 10 11 0 13

    struct named s = {1, "member-array"};
    char *n = s.name;
    await(ac_yield());
    printf("%s\n", n);
    // CHECK-NEXT: member-array

    int *cp = (int[]){16, 17, 18};
    await(id(1));
    printf("%d %d %d\n", cp[0], cp[1], cp[2]);
    // CHECK-NEXT: 16 17 18

    int two[2] = {3, 4};
    printf("%d %d %d\n", await(first(two)), await(sum2(two)), await(vla_sum(2, two)));
    // CHECK-NEXT: 3 7 7

    printf("%d\n", await(constant()));
    // CHECK-NEXT: 5
    await(name_of());
    // CHECK-NEXT: name_of name_of
    await(with_cleanup(1));
    // CHECK-NEXT: one
    // CHECK-NEXT: cleanup 500

    int x = (await(id(2)), 3);
    printf("comma %d\n", x);
    // CHECK-NEXT: comma 3

    int total = 0;
#pragma GCC unroll 2
    for (int k = 0; k < await(id(4)); k++)
        total += k;
#pragma GCC ivdep
    for (int k = 0; k < 3; k++) {
        int t = await(id(k));
        total += t;
    }
    printf("pragmas %d\n", total);
    // CHECK-NEXT: pragmas 9
    return 0;
}
