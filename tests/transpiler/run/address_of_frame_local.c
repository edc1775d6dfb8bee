// `&x` of a local that lives in the frame alone (its address is taken), in an expression that
// also assigns x: gcc's -Wsequence-point takes `&ac__fr->x` for an access of the field, which it
// does not for `&x` of a plain local, so the output warned "operation on 'ac__fr->p' may be
// undefined" where the source is clean (csmith seeds 125 and 173, F19). The address is now the
// frame pointer plus the field's offset; const and array locals keep their pointer types. The
// same for an element or member of one: `(p = &a[3]) ... (a[3] = f(a[3]))` warned "operation on
// 'ac__fr->a[3]' may be undefined" (csmith seed 107165, small), `&st.m[i]` and `&st.in.k` too.
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

struct s { int m[4]; struct { int k; } in; };
static int neg(int v) { return -v; }

async int elements(void)
{
    int a[6] = {1, 2, 3, 4, 5, 6};
    struct s st = {{1, 2, 3, 4}, {9}};
    struct s *ps = &st;
    int *p = 0, *q = 0, *r = 0;
    await(ac_yield());
    int x = ((p = &a[3]) == 0) + (a[3] = neg(a[3]));
    int y = ((q = &st.m[await(g(2))]) == 0) + (st.m[2] = neg(st.m[2]));
    int z = ((r = &ps->in.k) == 0) + (st.in.k = 7);
    int *w = &(a)[1], *u = &st.in.k;
    await(ac_yield());
    printf("%d %d %d %d %d %d %d %d %d\n", x, y, z, *p, *q, *r, *w, *u, a[3]);
    return 0;
}

async int main(void)
{
    unsigned long z;
    // CHECK: 25
    printf("%d\n", await(f(&z)));
    // CHECK-NEXT: -4 -3 7 -4 -3 7 2 7 -4
    return await(elements());
}
// CHECK: exit: 0
