// Adversarial: multi-declarators mixing frame/non-frame locals, qualifiers, arrays of structs, 2-D arrays, string-initialized char arrays, designated and compound-literal initializers, anonymous types, shadowing
// RUN: %run %s %t  | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>
#include <string.h>
#include <stdatomic.h>
async int id(int x) { await(ac_yield()); return x; }
struct pt { int x, y; };
struct box { struct pt a[2]; char name[8]; union { int i; float f; } u; };
static int twice(int v) { return 2 * v; }
async int main(void)
{
    int a = 1, b = await(id(2)), c, *pa = &a;
    c = 3;
    const int ci = await(id(4));
    volatile int vi = 5;
    register int ri = 6;
    _Atomic int ai = 7;
    static int si = 8;
    await(ac_yield());
    printf("%d %d %d %d %d %d %d %d %d\n", a, b, c, *pa, ci, vi, ri, (int)ai, si);
    struct pt pts[3] = {{1, 2}, [2] = {.y = 9}};
    int grid[2][3] = {{1, 2, 3}, {4, 5, 6}};
    char s1[] = "hello", s2[10] = "hi", s3[5] = "abcde";
    char s4[][4] = {"ab", "cd", "ef"};
    struct box bx = {.a = {[1] = {.x = 11}}, .name = "bx", .u.f = 2.5f};
    struct pt *pp = &pts[2];
    int *gp = &grid[1][1];
    int (*fn)(int) = twice;
    struct { int q; char r; } anon = {await(id(12)), 'r'};
    union { int i; char c[4]; } un = {.i = 0x41424344};
    enum { E0, E1 = 10, E2 } en = E2;
    typedef int myint;
    myint mi = 13;
    struct pt cl = (struct pt){await(id(14)), 15};
    int *cp = (int[]){16, 17, 18};
    int cp2 = cp[2];
    await(ac_yield());
    printf("%d %d %d %d\n", pts[0].x, pts[0].y, pts[2].y, pp->y);
    printf("%d %d %zu\n", grid[1][2], *gp, sizeof grid);
    printf("%s %s %.5s %zu %zu %zu %s\n", s1, s2, s3, sizeof s1, sizeof s2, sizeof s3, s4[2]);
    printf("%d %s %.1f\n", bx.a[1].x, bx.name, bx.u.f);
    printf("%d %d %c %c %d %d %d\n", fn(21), anon.q, anon.r, un.c[0], en, mi, cl.x + cl.y);
    printf("%d\n", cp2);
    *pp = (struct pt){await(id(30)), await(id(31))};
    await(ac_yield());
    printf("%d %d\n", pts[2].x, pts[2].y);
    {
        int a = 100; /* shadow */
        {
            int a = await(id(200));
            await(ac_yield());
            printf("%d\n", a);
        }
        await(ac_yield());
        printf("%d\n", a);
    }
    printf("%d\n", a);
    atomic_fetch_add(&ai, 3);
    await(ac_yield());
    printf("%d\n", atomic_load(&ai));
    return 0;
}
// CHECK: 1 2 3 1 4 5 6 7 8
// CHECK-NEXT: 1 2 9 9
// CHECK-NEXT: 6 5 24
// CHECK-NEXT: hello hi abcde 6 10 5 ef
// CHECK-NEXT: 11 bx 2.5
// CHECK-NEXT: 42 12 r D 11 13 29
// CHECK-NEXT: 18
// CHECK-NEXT: 30 31
// CHECK-NEXT: 200
// CHECK-NEXT: 100
// CHECK-NEXT: 1
// CHECK-NEXT: 10
// CHECK-NEXT: exit: 0
