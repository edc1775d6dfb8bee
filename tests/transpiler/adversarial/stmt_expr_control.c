// Adversarial: statement expressions with return/continue/break and declarations, TRY-style macro
// RUN: %run %s %t  | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>
async int id(int x) { await(ac_yield()); return x; }
#define TRY(e) ({ int _r = (e); if (_r < 0) return _r; _r; })
async int chain(int a)
{
    int v = TRY(await(id(a)));
    int w = TRY(await(id(v - 1))) + TRY(await(id(v - 2)));
    return v + w;
}
async int loops(int n)
{
    int s = 0;
    for (int i = 0; i < n; i++) {
        s += ({ int t = await(id(i)); if (t == 3) continue; if (t == 6) break; t * 2; });
    }
    int k = ({ int z = 0; while (z < 3) z += await(id(1)); z; });
    if (({ int c = await(id(n)); c > 4; }))
        s += 1000;
    return s + k;
}
async int main(void)
{
    for (int a = -1; a < 4; a++)
        printf("chain %d %d\n", a, await(chain(a)));
    for (int n = 0; n < 8; n++)
        printf("loops %d %d\n", n, await(loops(n)));
    return 0;
}
// CHECK: chain -1 -1
// CHECK-NEXT: chain 0 -1
// CHECK-NEXT: chain 1 -1
// CHECK-NEXT: chain 2 3
// CHECK-NEXT: chain 3 6
// CHECK-NEXT: loops 0 3
// CHECK-NEXT: loops 1 3
// CHECK-NEXT: loops 2 5
// CHECK-NEXT: loops 3 9
// CHECK-NEXT: loops 4 9
// CHECK-NEXT: loops 5 1017
// CHECK-NEXT: loops 6 1027
// CHECK-NEXT: loops 7 1027
// CHECK-NEXT: exit: 0
