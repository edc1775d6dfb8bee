// Adversarial: awaits in ?:, &&/||, comma, casts, compound assignment, subscripts, member access on struct results, sizeof/typeof, nested awaits, every result type
// RUN: %run %s %t  | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>
#include <stdbool.h>
struct pt { int x, y; };
union u { int i; float f; };
enum col { RED, GREEN, BLUE };
async int id(int x) { await(ac_yield()); return x; }
async struct pt mkpt(int x, int y) { await(ac_yield()); struct pt p = {x, y}; return p; }
async union u mku(float f) { await(ac_yield()); union u v; v.f = f; return v; }
async double half(double d) { await(ac_yield()); return d / 2; }
async bool isodd(int x) { await(ac_yield()); return x & 1; }
async enum col next(enum col c) { await(ac_yield()); return (enum col)((c + 1) % 3); }
async char up(char c) { await(ac_yield()); return (char)(c - 32); }
async const char *name(int i) { static const char *n[] = {"zero", "one", "two"}; await(ac_yield()); return n[i]; }
async int *slot(int *a, int i) { await(ac_yield()); return &a[i]; }
async void vnote(int *out, int v) { if (v < 0) return; await(ac_yield()); *out = v; }
static int calls;
async int count(int v) { calls++; await(ac_yield()); return v; }
async int main(void)
{
    int x = 5, arr[5] = {0};
    int t = x > 3 ? await(id(1)) : await(count(2));
    int f = x < 3 ? await(count(1)) : await(id(2));
    printf("%d %d %d\n", t, f, calls);
    int a1 = await(id(0)) && await(count(1));
    int a2 = await(id(1)) || await(count(1));
    int a3 = await(id(1)) && (await(id(0)) || await(id(3))) && !await(isodd(4));
    printf("%d %d %d %d\n", a1, a2, a3, calls);
    int cm = (await(id(1)), await(id(2)) + x);
    long cast = (long)await(id(7)) * 3;
    x += await(id(10));
    x -= await(id(1)) * 2;
    x <<= await(id(1));
    x++;
    ++x;
    arr[await(id(2))] = await(id(22));
    arr[3] += await(id(3));
    arr[await(id(4))]++;
    printf("%d %ld %d %d %d %d\n", cm, cast, x, arr[2], arr[3], arr[4]);
    int mx = await(mkpt(3, 4)).x + await(mkpt(5, 6)).y;
    float uf = await(mku(1.5f)).f;
    double h = await(half(await(half(10.0))));
    enum col c = await(next(await(next(BLUE))));
    char ch = await(up('q'));
    const char *nm = await(name(await(id(2))));
    *await(slot(arr, 1)) = 99;
    printf("%d %.1f %.2f %d %c %s %d\n", mx, uf, h, c, ch, nm, arr[1]);
    int out = -1;
    await(vnote(&out, -5));
    printf("%d\n", out);
    await(vnote(&out, 8));
    printf("%d\n", out);
    size_t sz = sizeof(await(id(1))) + sizeof x;
    __typeof__(await(half(1))) dd = 2.25;
    printf("%zu %.2f %d\n", sz, dd, calls);
    int se = ({ int q = await(id(4)); int r = await(id(5)) * q; r + 1; });
    int se2 = ({ int q = 3; if (q > 2) q = await(id(30)); q; }) + 1;
    printf("%d %d\n", se, se2);
    int nest = await(id(await(id(await(id(6)) + 1)) * 2));
    printf("%d\n", nest);
    int tern = await(id(0)) ? 1 : await(id(0)) ? 2 : await(id(1)) ? 3 : 4;
    int *pp = &arr[0];
    *pp = await(id(42));
    pp[1] = await(id(43)) + pp[0];
    printf("%d %d %d\n", tern, arr[0], arr[1]);
    bool bb = await(isodd(3));
    bb = !bb || await(isodd(5));
    printf("%d\n", bb);
    unsigned us = 1u;
    us = (unsigned)-await(id(1));
    printf("%u\n", us);
    return 0;
}
// CHECK: 1 2 0
// CHECK-NEXT: 0 1 1 0
// CHECK-NEXT: 7 21 28 22 3 1
// CHECK-NEXT: 9 1.5 2.50 1 Q two 99
// CHECK-NEXT: -1
// CHECK-NEXT: 8
// CHECK-NEXT: 8 2.25 0
// CHECK-NEXT: 21 31
// CHECK-NEXT: 14
// CHECK-NEXT: 3 42 85
// CHECK-NEXT: 1
// CHECK-NEXT: 4294967295
// CHECK-NEXT: exit: 0
