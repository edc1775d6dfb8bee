// A result type whose top-level const is on a pointer (`int *const f()`, as csmith writes
// `static const uint32_t *const func_42(...)`), or comes from a typedef: the
// result slot and the await temporaries are assigned, so they drop that const (a call's value is
// unqualified in C anyway) while keeping the const of what is pointed at.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

static int g = 7;
static const int k = 9;
typedef int *const const_ptr;

async int *const plain(void)
{
    await(ac_yield());
    return &g;
}

async const int *const to_const(void)
{
    await(ac_yield());
    return &k;
}

async const_ptr through_typedef(void)
{
    await(ac_yield());
    return &g;
}

async int main(void)
{
    int *p = await(plain());
    const int *q = await(to_const());
    int sum = *await(plain()) + *await(to_const()) + *await(through_typedef());
    // CHECK: 7 9 7 23
    printf("%d %d %d %d\n", *p, *q, *await(through_typedef()), sum);
    return 0;
}
