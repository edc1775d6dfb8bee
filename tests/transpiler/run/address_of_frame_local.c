// `&x` of a local that lives in the frame alone (its address is taken), in an expression that
// also assigns x: gcc's -Wsequence-point takes `&ac__fr->x` for an access of the field, which it
// does not for `&x` of a plain local, so the output warned "operation on 'ac__fr->p' may be
// undefined" where the source is clean (csmith seeds 125 and 173, F19). The address is now the
// frame pointer plus the field's offset; const and array locals keep their pointer types.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

async int g(int x) { await(ac_yield()); return x; }
static int take(unsigned long *a, unsigned long *b, unsigned long c) { return (a == b) + (int)c; }

async int f(unsigned long *q)
{
    unsigned long p = 7;
    const int k = 3;
    int arr[4] = {1, 2, 3, 4};
    await(ac_yield());
    int r = (q == &p) + ((p = (unsigned long)await(g(p <= 4))) > 3);
    r += take(&p, &(p), (p = 9));
    const int *kp = &k;
    int (*ap)[4] = &arr;
    await(ac_yield());
    return r + (int)p + *kp + (*ap)[2];
}

async int main(void)
{
    unsigned long z;
    // CHECK: 25
    printf("%d\n", await(f(&z)));
    return 0;
}
// CHECK: exit: 0
