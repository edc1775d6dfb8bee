// NO-SEQUENTIAL
#include <asyncc.h>
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
static int live;
static void release(char **p) { if (*p) { live--; free(*p); } }
async int deep(int n, int ms)
{
    char *buf __attribute__((cleanup(release))) = malloc(32);
    live++;
    if (n == 0) { await(ac_sleep_ms((unsigned long)ms)); return 1; }
    if (n % 3 == 0) { char *c0 __attribute__((cleanup(release))) = malloc(4); live++; return 1 + await(deep(n - 1, ms)); }
    else if (n % 3 == 1) while (1) { char *c1 __attribute__((cleanup(release))) = malloc(4); live++; int r = await(deep(n - 1, ms)); return r + 1; }
    int r = ({ char *c2 __attribute__((cleanup(release))) = malloc(4); live++; await(deep(n - 1, ms)); });
    return r + 1;
}
async int both(int ms) { int a = 0, b = 0; await(ac_join(a = deep(4, ms), b = deep(7, ms * 2))); return a + b; }
async int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int v = -1;
    int rc = await(ac_timeout(20, v = deep(12, 10000)));
    printf("timeout %d %d live %d\n", rc == -ETIMEDOUT, v, live);
    rc = await(ac_timeout(20, v = both(10000)));
    printf("timeout-join %d %d live %d\n", rc == -ETIMEDOUT, v, live);
    ac_task *t = ac_spawn(both(10000));
    await(ac_sleep_ms(20));
    ac_task_cancel(t);
    int r = 0;
    rc = await(ac_task_join(t, &r));
    printf("abort %d live %d\n", rc == -ECANCELED, live);
    ac_task *t2 = ac_spawn(deep(9, 10000));
    (void)t2;
    await(ac_sleep_ms(10));
    printf("leaving with a live task %d\n", live > 0);
    return 0;
}
// Adversarial: cancellation of deep recursive frames with cleanup locals (in blocks, loops,
// statement expressions) by ac_timeout, of a join inside a timeout, of a spawned task, and a
// task still alive at exit; the live count must be back to 0 (ASan build: no leaks).
// RUN: %run %s %t | %FileCheck %s
// CHECK: timeout 1 -1 live 0
// CHECK-NEXT: timeout-join 1 -1 live 0
// CHECK-NEXT: abort 1 live 0
// CHECK-NEXT: leaving with a live task 1
// CHECK-NEXT: exit: 0
