#include <asyncc.h>
#include <stdio.h>
struct flags { unsigned a : 3; signed b : 4; unsigned c : 1; };
async int id(int x) { await(ac_yield()); return x; }
async struct flags mkf(void) { await(ac_yield()); struct flags f = {5, -3, 1}; return f; }
async int main(void)
{
    struct flags f = {0};
    f.a = await(id(9));
    f.b += await(id(-2));
    f.c = !await(id(0));
    int t = f.a ? await(id(f.b)) : 0;
    struct flags g = await(mkf());
    printf("%u %d %u %d %u %d %u\n", f.a, f.b, f.c, t, g.a, g.b, await(mkf()).c);
    unsigned char uc = 250;
    uc += await(id(10));
    short sh = 32767;
    sh = (short)(sh + await(id(1)));
    printf("%u %d\n", uc, sh);
    return 0;
}
// Adversarial: bit-field members and narrow integer types assigned and compound-assigned from awaits
// RUN: %run %s %t  | %FileCheck %s
// CHECK: 1 -2 1 -2 5 -3 1
// CHECK-NEXT: 4 -32768
// CHECK-NEXT: exit: 0
