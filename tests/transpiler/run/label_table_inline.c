// An async function with one await that keeps label addresses in a static table (a threaded
// interpreter's dispatch) cannot be copied, so gcc cannot inline it: asyncc asked gcc to inline
// its body (the nested function named for gdb, optimizing) and gcc's -Winline said so at the
// user's line, where the source's plain function asks nothing.
// RUN: %asyncc %s -o %t.c
// RUN: %plaincc -O2 -Winline -c %t.c -o %t.o
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>
async int step(int x)
{
    await(ac_yield());
    return x + 1;
}
async int run(const unsigned char *code)
{
    static void *const ops[] = {&&halt, &&inc, &&twice};
    int acc = 0;
    goto *ops[*code++];
inc:
    acc++;
    goto *ops[*code++];
twice:
    acc *= 2;
    goto *ops[*code++];
halt:
    return await(step(acc));
}
async int main(void)
{
    static const unsigned char prog[] = {1, 1, 2, 1, 2, 0};
    printf("%d\n", await(run(prog)));
    // CHECK: 11
    return 0;
}
// CHECK-NEXT: exit: 0
