// Comments are not code, wherever they stand: right after an operator (`a ||// c`, `a &&/*c*/ b`
// were read as the operator `||/`, losing short-circuit and sequencing), with a `;` inside a
// rebuilt for header (taken for the header's own semicolons: the loop did not compile or did not
// stop), and a `cleanup(...)` in a string (taken for the attribute: the function ran on a local
// that has none). Every question about the text now goes through one token stream.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

static int calls;

async int t(int v)
{
    calls++;
    await(ac_yield());
    return v;
}

static void done(char **p)
{
    printf("cleanup %s\n", *p);
}

async int main(void)
{
    int a = 0, n = 0, i;
    if (a ||// c
        await(t(1)))
        printf("or %d\n", calls);
    if (a &&/*c*/ await(t(1)))
        printf("and: not reached\n");
    if (!a ||/* c */ await(t(1)))
        printf("or short %d\n", calls);
    int x = (a++, /* , */ await(t(a)));
    int y = (a++ ,// ,
             await(t(a)));
    printf("calls %d x %d y %d\n", calls, x, y);
    // CHECK: or 1
    // CHECK-NEXT: or short 1
    // CHECK-NEXT: calls 3 x 1 y 2

    for (i = 0 /* ; */; i < 3; i += await(t(1)))
        n++;
    printf("n %d i %d\n", n, i);
    for (i = 0; i < await(t(4)) /* ; */; i++)
        n++;
    printf("n %d i %d\n", n, i);
    for (i = 0; // ;
         i < await(t(2)); i++ /* ) */)
        n++;
    printf("n %d i %d\n", n, i);
    for (i = 0; i < 5 && // bound
                ({ int k = await(t(i)); k < 4; }); i++)
        n++;
    printf("n %d i %d\n", n, i);
    // CHECK-NEXT: n 3 i 3
    // CHECK-NEXT: n 7 i 4
    // CHECK-NEXT: n 9 i 2
    // CHECK-NEXT: n 13 i 4

    char *s __attribute__((unused)) = "cleanup(done)";
    char *u __attribute__((__cleanup__(done))) = "u";
    await(ac_yield());
    printf("%s\n", s);
    // CHECK-NEXT: cleanup(done)
    // CHECK-NEXT: cleanup u
    return 0;
}
// CHECK-NEXT: exit: 0
