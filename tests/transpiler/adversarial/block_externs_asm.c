#include <asyncc.h>
#include <stdio.h>
int gcount = 4;
static int helper(int v) { return v + 1; }
async int id(int x) { await(ac_yield()); return x; }
async int main(void)
{
    extern int gcount;
    int helper(int);
    int x = await(id(gcount));
    printf("%d %d\n", x, helper(x));
    int arr[3] = {1, 2, 3};
    __typeof__(arr) copy;
    __typeof__(x) y = 9;
    for (int i = 0; i < 3; i++) copy[i] = arr[i] * await(id(2));
    await(ac_yield());
    printf("%d %d %zu %zu %d\n", copy[2], y, sizeof copy, sizeof(__typeof__(y)), x);
    int r = ({ __label__ out; int t = await(id(3)); if (t == 3) goto out; t = 0; out: (void)0; t * 10; });
    printf("%d\n", r);
    int v = 0;
    __asm__ volatile("" : "+r"(v));
    v += await(id(5));
    __asm__ volatile("" : "+r"(v));
    printf("%d\n", v);
    return 0;
}
// Adversarial: block-scope extern and function declarations, __typeof__ of frame locals, __label__ in statement expressions, asm with frame locals
// RUN: %run %s %t  | %FileCheck %s
// CHECK: 4 5
// CHECK-NEXT: 6 9 12 4 4
// CHECK-NEXT: 30
// CHECK-NEXT: 5
// CHECK-NEXT: exit: 0
