// A prototype of an async function inside a plain function that asyncc rewrites (for its
// ac_block_on or ac_spawn) goes, as it goes inside an async function: the plain function's text
// came from the preprocessed file with `async` as asyncc's annotate attribute, which gcc warns it
// ignores (-Wattributes, an error under -Werror), and no function of that name is left. Nothing
// takes its place (a `;` there was a statement before the block's declarations).
// RUN: %asyncc %s -o %t.c
// RUN: %cc -Wdeclaration-after-statement -c %t.c -o %t.o
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>
async int later(int x)
{
    await(ac_yield());
    return x * 10;
}
static int plain_user(int n)
{
    async int later(int);
    int t = 0;
    for (int i = 0; i < n; i++) {
        async int later(int), also_later(void);
        t += ac_block_on(later(i));
    }
    return t + ac_block_on(later(7));
}
async int oneline(int n) { async int later(int); return await(later(n)); }
int main(void)
{
    int a = ac_block_on(oneline(2));
    printf("%d %d\n", a, plain_user(3));
    // CHECK: 20 100
    return 0;
}
async int also_later(void) { return 1; }
// CHECK-NEXT: exit: 0
