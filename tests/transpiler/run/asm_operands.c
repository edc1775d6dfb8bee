// Awaits in the operands of an asm statement are hoisted like an expression's: the asm sees
// their values, an output operand can be an lvalue through an awaited pointer; so are awaits in
// the target of a computed goto. Both were refused ("asyncc cannot transform an await in this
// kind of statement", gcc torture 990130-1).
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

static int cell = 40;

static async int *where(void)
{
    await(ac_yield());
    return &cell;
}

static async int val(int x)
{
    await(ac_yield());
    return x;
}

static async int computed_goto(int k)
{
    static void *where[] = {&&one, &&two};
    int before = k * 10;
    goto *where[await(val(k))];
one:
    return 1 + before;
two:
    return 2 + before;
}

async int main(void)
{
    int out = 0, in = 3;
    __asm__("" : "+r"(*await(where())));
    /* "0": the input starts in the output's register, which the empty template leaves alone */
    __asm__ volatile("" : "=r"(out) : "0"(await(val(in)) + 1));
    printf("%d %d\n", cell, out);
    // CHECK: 40 4
    __asm__ volatile("" : "+m"(*await(where())), "=r"(out) : "1"(await(val(2)) * await(val(5))));
    printf("%d %d\n", cell, out);
    // CHECK-NEXT: 40 10
    printf("%d %d\n", await(computed_goto(0)), await(computed_goto(1)));
    // CHECK-NEXT: 1 12
    return 0;
}
// CHECK-NEXT: exit: 0
