// Arrays of const or volatile elements, and compound literals of them, kept in the frame: their
// initializers are copied from a compound literal of the array's own type, and the copy's
// pointers must let the qualifiers through (gcc's -Wdiscarded-array-qualifiers warned on
// `int *volatile a[2][3] = {...}` living across an await: F11, csmith seed 1010).
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

static int g;

struct with_const {
    const int id;
    volatile int hits[2];
};

async int id(int x)
{
    await(ac_yield());
    return x;
}

async int f(int k)
{
    int *volatile a[2][3] = {{&g, 0, 0}, {0, 0, &g}};
    const int b[3] = {1, 2, 3};
    volatile int c[2] = {4, await(id(5))};
    const volatile char s[] = "cv";
    volatile struct with_const w[2] = {{1, {2, 3}}, {4, {5, 6}}};
    int sum = 0;
    for (int i = 0; i < k; i++) {
        volatile unsigned v[2] = {(unsigned)i, 7};
        const volatile int *lit = (const volatile int[]){10, 20, await(id(30))};
        await(ac_yield());
        sum += (int)v[0] + (int)v[1] + lit[2];
    }
    {
        volatile struct with_const one = {9, {8, await(id(7))}};
        await(ac_yield());
        sum += one.id + one.hits[1];
    }
    await(ac_yield());
    return (a[1][2] == &g) + b[2] + c[1] + s[1] + w[1].id + w[1].hits[1] + sum;
}

async int main(void)
{
    // CHECK: 267
    printf("%d\n", await(f(3)));
    return 0;
}
