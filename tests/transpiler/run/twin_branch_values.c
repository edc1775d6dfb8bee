// A function whose awaits all call functions that never suspend is itself written as a plain C
// twin (ac__now_f), whose temporaries are locals declared where they are computed. The value of
// an await in the second operand of `a ?: b`, or in an operand that _Generic or
// __builtin_choose_expr chooses, is read after the branch that computes it: there the twin named
// a local of the branch ("'ac__t1' undeclared", found by fuzz/mutate.py). Such a function keeps
// its state machine; && || and ?: (assigned inside their branches) keep their twins.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

static async int val(int x)
{
    return x * 2;
}

static async int elvis(int x)
{
    return x ?: await(val(1));
}

static async int choose(int x)
{
    return __builtin_choose_expr(sizeof x == sizeof(int), await(val(x + 1)), 0);
}

static async int generic(int x)
{
    return _Generic(x, int: await(val(5)), default: 0) + x;
}

static async int logic(int x)
{
    int b = x && await(val(2));
    return b + (x > 1 ? await(val(3)) : await(val(4)));
}

async int main(void)
{
    printf("%d %d\n", await(elvis(0)), await(elvis(7)));
    printf("%d %d\n", await(choose(3)), await(generic(1)));
    printf("%d %d\n", await(logic(0)), await(logic(3)));
    // CHECK: 2 7
    // CHECK-NEXT: 8 11
    // CHECK-NEXT: 8 7
    return 0;
}
// CHECK-NEXT: exit: 0
