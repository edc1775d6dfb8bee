// asyncc never overwrites the user's file: -o naming the input is refused and the input is intact.
// RUN: cp %s %t.in.c
// RUN: not %asyncc %t.in.c -o %t.in.c 2>&1 | %FileCheck %s
// RUN: cmp %s %t.in.c
// CHECK: refusing to overwrite the input file
#include <asyncc.h>

async int f(void)
{
    await(ac_yield());
    return 1;
}
