// Adversarial: goto into while/for/do bodies and switch cases across awaits, backward gotos in blocks
// RUN: %run %s %t  | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>
async int id(int x) { await(ac_yield()); return x; }
async int jumpin(int mode)
{
    int s = 0, i = 0;
    if (mode == 1) goto inside_while;
    if (mode == 2) goto inside_for;
    if (mode == 3) goto inside_do;
    while (i < 3) {
        s += 1;
    inside_while:
        s += await(id(10));
        i++;
    }
    for (i = 0; i < 2; i++) {
        int k = 5 + i;
        if (mode == 0) continue;
        k = 7;
    inside_for:
        k = await(id(100)) + (i ? k : 0);
        s += k;
    }
    i = 0;
    do {
        s += 1000;
    inside_do:
        if (await(id(i)) > 1) break;
        i++;
    } while (i < 5);
    switch (mode) {
    case 0: l0: s += await(id(1)); break;
    case 1: s += 2; goto l0;
    }
    {
        int inner = 0;
        goto fwd;
    back:
        inner += await(id(3));
        if (inner < 9) goto back;
        goto done;
    fwd:
        inner = await(id(1));
        goto back;
    }
done:
    return s;
}
async int main(void)
{
    for (int m = 0; m < 4; m++)
        printf("%d %d\n", m, await(jumpin(m)));
    return 0;
}
// CHECK: 0 3034
// CHECK-NEXT: 1 3242
// CHECK-NEXT: 2 3207
// CHECK-NEXT: 3 2000
// CHECK-NEXT: exit: 0
