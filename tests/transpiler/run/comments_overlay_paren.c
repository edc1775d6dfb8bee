#include <asyncc.h>
#include <stdio.h>
static int (twice)(int x) { return x * 20; }
#define twice(x) ((x) * 2)
async int f(int x) { await(ac_yield()); return x; }
async int main(void)
{
    int a = twice /* c */
        (await(f(5)));
    int b = twice /* c */ \
(await(f(6)));
    printf("%d %d %d\n", a, b, (twice)(1));
    return 0;
}
/* The only comments before a `(` here follow a line break or a line continuation, and no other
 * comment is followed by `(`, `#` or a comment: asyncc lexes the input before it starts the
 * preprocessor only when some comment may be such (pp_overlay_maybe), and must here.
 * RUN: %run %s %t | %FileCheck %s
 * CHECK: 10 12 20
 * CHECK-NEXT: exit: 0
 */
