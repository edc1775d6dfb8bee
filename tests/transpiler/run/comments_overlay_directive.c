#include <asyncc.h>
#include <stdio.h>
async int f(int x) { await(ac_yield()); return x; }
async int main(void)
{
    const char *s = "/* a string";
    /* c */ #define K(x) await(f(x))
    /* d */ %:define J(x) (await(f(x)) + 1)
    printf("%d %s\n", K(4) + J(3), s + 3);
    return 0;
}
/* The only comments before a directive on its line (clang -E -C leaves such a directive a line
 * of text, and the awaits its macros hold unexpanded): pp_overlay_maybe must see them, and a
 * comment's opening in a string changes nothing.
 * RUN: %run %s %t | %FileCheck %s
 * CHECK: 8 a string
 * CHECK-NEXT: exit: 0
 */
