// `asm goto` jumps to labels that libclang does not show as operands of the statement: it now
// counts as a jump to any label of the function, as a computed goto does. Before, its jump back
// was unknown to liveness (acc below, read only before the await in the text, was not kept in
// the frame and came back from a suspension as garbage), and a constant `if`'s other arm that it
// enters was taken for one that never runs (the await after it trapped: SIGILL).
// RUN: %run %s %t | %FileCheck %s
// RUN: %asyncc --emit=frames %s | %FileCheck %s --check-prefix=FRAMES
#include <asyncc.h>
#include <stdio.h>

#ifdef __x86_64__
#define JUMP(l) __asm__ goto("jmp %l[" #l "]" :::: l)
#else
#define JUMP(l) __asm__ goto("" :::: l); goto l
#endif

static int calls;

async static int step(int v)
{
    await(ac_yield());
    calls++;
    return v;
}

async static int back(int n)
{
    int acc = 0, i = 0;
top:
    acc += i * 10;
    printf("acc %d\n", acc);
    await(step(i));
    if (++i < n)
        JUMP(top);
    return i;
}

async static int into_arm(int a)
{
    int sum = 0;
    if (a > 0)
        JUMP(inside);
    if (1) {
        return -1;
    } else {
    inside:
        sum += 2;
    }
    sum += await(step(30));
    return sum;
}

async int main(void)
{
    // CHECK: acc 0
    // CHECK-NEXT: acc 10
    // CHECK-NEXT: acc 30
    // CHECK-NEXT: acc 60
    // CHECK-NEXT: 4 32 -1 calls 5
    int a = await(back(4)), b = await(into_arm(1)), c = await(into_arm(0));
    printf("%d %d %d calls %d\n", a, b, c, calls);
    return 0;
}
// FRAMES-LABEL: async int back
// FRAMES: acc {{ *}}int {{ *}}local, lives across an await
// FRAMES-LABEL: async int into_arm
