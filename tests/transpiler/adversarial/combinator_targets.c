#include <asyncc.h>
#include <stdio.h>
struct out { int v[3]; int idx; };
async int id(int x) { await(ac_yield()); return x; }
async int slow(int x, int ms) { await(ac_sleep_ms((unsigned long)ms)); return x; }
async int fill(struct out *o, int base)
{
    await(ac_join(o->v[0] = id(base), o->v[1] = id(base + 1), o->v[2] = slow(base + 2, 1)));
    o->idx = await(ac_select(o->v[0] = slow(base * 10, 1), o->v[1] = slow(-1, 3000)));
    return await(ac_timeout(await(id(2000)), o->v[2] = id(base * 100)));
}
async int main(void)
{
    struct out outs[2] = {0};
    int rcs[2];
    for (int k = 0; k < 2; k++)
        rcs[k] = await(fill(&outs[k], k + 1));
    for (int k = 0; k < 2; k++)
        printf("%d %d %d %d %d\n", rcs[k], outs[k].v[0], outs[k].v[1], outs[k].v[2], outs[k].idx);
    int sel[3];
    for (int k = 0; k < 3; k++) sel[k] = await(ac_select(id(k), slow(9, 3000)));
    printf("%d %d %d\n", sel[0], sel[1], sel[2]);
    int tj = await(ac_try_join(id(0), id(1))) + await(ac_try_join(id(5)));
    printf("%d\n", tj);
    return 0;
}
// Adversarial: combinator results into struct members through pointers, array elements in loops, ac_timeout with an awaited duration
// RUN: %run %s %t  | %FileCheck %s
// CHECK: 0 10 2 100 0
// CHECK-NEXT: 0 20 3 200 0
// CHECK-NEXT: 0 0 0
// CHECK-NEXT: 0
// CHECK-NEXT: exit: 0
