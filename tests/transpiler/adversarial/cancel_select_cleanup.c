#include <asyncc.h>
#include <stdio.h>
#include <stdlib.h>
static int live;
static void release(char **p) { if (*p) { live--; free(*p); } }
static void dec(int *p) { (void)p; live--; }
async int id(int x) { await(ac_yield()); return x; }
async int deep(int n, int ms)
{
    char *buf __attribute__((cleanup(release))) = malloc(32);
    live++;
    if (n == 0) {
        await(ac_sleep_ms((unsigned long)ms));
        return 1;
    }
    int tok __attribute__((cleanup(dec))) = (live++, 0);
    for (int i = 0; i < 2; i++) {
        char *inner __attribute__((cleanup(release))) = malloc(8);
        live++;
        await(ac_yield());
    }
    return 1 + await(deep(n - 1, ms));
}
async int joiner(int ms)
{
    int a = 0, b = 0;
    await(ac_join(a = deep(3, ms), b = deep(5, ms)));
    return a + b;
}
async int main(void)
{
    int v = 0;
    int w = await(ac_select(v = deep(2, 1), v = deep(40, 5000)));
    printf("select %d %d live %d\n", w, v, live);
    int j = 0;
    w = await(ac_select(j = joiner(1), j = joiner(5000)));
    printf("select-join %d %d live %d\n", w, j, live);
    int rc = await(ac_timeout(5000, v = deep(10, 1)));
    printf("timeout %d %d live %d\n", rc, v, live);
    int t1 = 0, t2 = 0;
    rc = await(ac_try_join(t1 = id(1), t2 = id(2)));
    printf("try %d %d %d\n", rc, t1, t2);
    for (int i = 0; i < 50; i++) {
        w = await(ac_select(v = deep(i % 4, 0), v = deep(30, 1000), v = joiner(2000)));
        if (w != 0) printf("bad %d\n", w);
    }
    printf("loop live %d\n", live);
    return 0;
}
// Adversarial: ac_select/ac_timeout/ac_try_join cancelling recursive frames and joins that own heap memory through cleanup locals
// RUN: %run %s %t  | %FileCheck %s
// CHECK: select 0 3 live 0
// CHECK-NEXT: select-join 0 10 live 0
// CHECK-NEXT: timeout 0 11 live 0
// CHECK-NEXT: try 0 1 2
// CHECK-NEXT: loop live 0
// CHECK-NEXT: exit: 0
