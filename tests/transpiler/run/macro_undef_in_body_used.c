/* A macro of the file that an async function's body names before an #undef or #define of it
 * inside that body is used, as in the plain build: the output (expanded code, then the body's
 * directives, then the #ifdef that marks the macros the body named) marked it after the #undef,
 * so gcc's -Wunused-macros (in tests/differential/strict.py's set) said "macro K is not used".
 * RUN: bash %S/../strict.sh %s %t c11 gnu17 | %FileCheck %s --check-prefix=STRICT
 * RUN: %run %s %t | %FileCheck %s
 * STRICT: strict: clean
 */
#include <asyncc.h>
#include <stdio.h>
#define K 1
#define SCALE(x) ((x) * 3)
#define UNDONE 4
async int f(int x);
async int f(int x)
{
    await(ac_yield());
    return x;
}
async int g(int n);
async int g(int n)
{
    int t = K + UNDONE;
#undef K
#define K 2
    t += await(f(K));
    for (int i = 0; i < n; i++) {
        t += SCALE(await(f(i)));
#undef SCALE
#define SCALE(x) ((x) * 5)
        t += SCALE(1);
    }
#undef UNDONE
    return t;
}
/* and one the body defines, under a conditional its head opens (marked after the directives) */
async int opened(int x);
#ifndef NOT_DEFINED
async int opened(int x)
{
#define AFTER 40
#endif
    await(ac_yield());
    return x + AFTER;
}
async int main(void)
{
    int r = await(g(2)) + await(opened(2));
    printf("%d %d\n", r, K + SCALE(1));
    // CHECK: 62 7
    return 0;
}
// CHECK-NEXT: exit: 0
