#include <asyncc.h>
#include <stdio.h>
#include <stdbool.h>
async int id(int x) { await(ac_yield()); return x; }
static inline async int sinl(int x) { await(ac_yield()); return x + 1; }
__attribute__((noinline)) async int attr(int x) { await(ac_yield()); return x + 2; }

struct s { int x; int count; char buf[4]; };
#define GET(o) ((o).count)
async struct s mks(int x) { await(ac_yield()); struct s r = {x, x * 2, "ab"}; return r; }
async int kr(a, b) int a; int b; { await(ac_yield()); return a - b; }
async int params(int p, int q)
{
    p += 10;
    await(ac_yield());
    q = p * 2 + await(id(q));
    return q;
}
async int main(void)
{
    int count = 3;
    struct s x = {.x = 1, .count = count};
    x.x = await(id(x.x + 1));
    int c2 = GET(x) + await(id(0));
    printf("%d %d %d\n", x.x, x.count, c2);
    printf("%d %d %d\n", await(sinl(1)), await(attr(1)), await(kr(9, 4)));
    printf("%d\n", await(params(1, 2)));
    int s = 0;
    for (int i = 0, n = await(id(3)); i < n; i++) s += i;
    for (int i = 0;; i += await(id(2))) { if (i > 6) break; s += 100; }
    int w = 0;
    while (w++, await(id(w)) < 4) s += 1000;
    int d = 0;
    do { d++; if (d == 2) continue; s += 10000; } while (await(id(d)) < 4);
    switch (await(id(count))) {
        int skipped;
    case 1 ... 2: s = -1; break;
    case 3 ... 5: skipped = await(id(7)); s += skipped; break;
    }
    printf("%d\n", s);
    struct s got = await(mks(4));
    int b1 = await(mks(6)).buf[1];
    printf("%d %d %s %d\n", got.x, got.count, got.buf, b1);
    bool flags[3] = {true, false, true};
    int nflags = 0;
    for (unsigned k = 0; k < sizeof flags / sizeof *flags; k++) nflags += flags[k] && await(id(1));
    printf("%d\n", nflags);
    return count;
}
// Adversarial: static inline/attributed/K&R async functions, modified parameters, for-init with awaits, comma conditions, do-while continue, GNU case ranges, declarations before the first case
// RUN: %run %s %t  | %FileCheck %s
// CHECK: 2 3 3
// CHECK-NEXT: 2 3 5
// CHECK-NEXT: 24
// CHECK-NEXT: 33410
// CHECK-NEXT: 4 8 ab 98
// CHECK-NEXT: 2
// CHECK-NEXT: exit: 3
