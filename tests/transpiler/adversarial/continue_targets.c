// Adversarial: continue/break in switch inside loops whose condition and increment await
// RUN: %run %s %t  | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>
async int id(int x) { await(ac_yield()); return x; }
async int main(void)
{
    int s = 0;
    for (int i = 0; await(id(i)) < 6; i += await(id(1))) {
        for (int j = 0; j < 3; j++) {
            if (j == 1) continue;          /* inner plain loop */
            s += j;
        }
        switch (i % 3) {
        case 0: continue;                  /* outer loop's increment */
        case 1: s += 100; break;
        default:
            for (int k = 0; await(id(k)) < 2; k++) {
                if (k == 0) continue;
                s += 1000;
            }
        }
        do {
            if (s & 1) continue;
            s += 1;
        } while (0);
        while (await(id(s)) % 7) { s++; if (s % 5 == 0) continue; }
        s += 10000;
    }
    int n = 0;
    while (n < 10) {
        n++;
        switch (await(id(n % 4))) {
        case 0: continue;
        case 1: if (await(id(n)) > 5) break; else continue;
        case 2: { for (;;) { if (await(id(1))) break; } break; }
        }
        s += n;
    }
    printf("%d\n", s);
    return 0;
}
// CHECK: 42258
// CHECK-NEXT: exit: 0
