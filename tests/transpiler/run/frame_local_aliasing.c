// A local a pointer may reach (its address taken, an array) is read and written through the frame
// pointer plus its field's offset, typed as the local: a member access `ac__fr->x` is an access of
// the frame's struct, which a pointer to another struct cannot reach for gcc -O2 (access paths of
// two unrelated structs), so a store through `struct ptr *` into an int local was not seen by the
// next read of the local: gcc.dg/torture/pr47621 made async aborted. Each shape below but
// `element` printed the value stored before the pointer's store when built by gcc -O2
// (read_through and parameter by clang -O2 too). The type is a may_alias typedef: locals of
// different types share bytes (both_after's l and d), which clang honours on a typedef only.
// RUN: %run %s %t | %FileCheck %s
// RUN: %asyncc %s -o %t.c
// RUN: %FileCheck --check-prefix=CODE %s < %t.c
// RUN: %clang -std=gnu11 -O2 -Wall -Wextra -Werror -I%S/../../../include %t.c %libs -o %t.clang && %t.clang | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

struct ptr { int val; };

async int scalar(void)
{
    int data = 1;
    struct ptr *p = (struct ptr *)&data;
    await(ac_yield());
    p->val = 0;
    return data;
}
// CODE: typedef __typeof__(((struct ac__frame_scalar *)0)->data) __attribute__((__may_alias__)) ac__alias_scalar_data;
// CODE-LABEL: ac__run_scalar(
// CODE: (*(ac__alias_scalar_data *)(void *)&ac__fr->data) = 1;
// CODE: return ((void)(ac__fr->ac__result = ((*(ac__alias_scalar_data *)

async int array(void)
{
    int a[3] = {5, 6, 7};
    struct ptr *p = (struct ptr *)a;
    await(ac_yield());
    p[1].val = 60;
    return a[1];
}

async int read_through(int k)
{
    int data = k;
    struct ptr *p = (struct ptr *)&data;
    await(ac_yield());
    int before = p->val;
    data = 9;
    return before * 100 + p->val;
}

async int parameter(int v)
{
    struct ptr *p = (struct ptr *)&v;
    await(ac_yield());
    p->val = v + 1;
    return v;
}

async int element(void)
{
    int a[4] = {0};
    int *q = &a[2];
    await(ac_yield());
    ((struct ptr *)q)->val = 20;
    return (q == &a[2]) + a[2];
}

async int both_after(void)
{
    int r = 0;
    {
        long l[2] = {4, 5};
        long *pl = l;
        await(ac_yield());
        r += (int)(pl[0] + l[1]);
    }
    {
        double d[2] = {0.5, 1.5};
        struct { double x; } *pd = (void *)d;
        await(ac_yield());
        pd->x = 2.5;
        r += (int)(d[0] * 10);
    }
    return r;
}

async int main(void)
{
    printf("scalar %d\n", await(scalar()));
    // CHECK: scalar 0
    printf("array %d\n", await(array()));
    // CHECK: array 60
    printf("read_through %d\n", await(read_through(4)));
    // CHECK: read_through 409
    printf("parameter %d\n", await(parameter(7)));
    // CHECK: parameter 8
    printf("element %d\n", await(element()));
    // CHECK: element 21
    printf("both_after %d\n", await(both_after()));
    // CHECK: both_after 34
    return 0;
}
