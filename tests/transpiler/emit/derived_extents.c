// The extents of names, numbers, parenthesized expressions, binary operators and implicit
// conversions are read from the tokens and the children's extents rather than asked of libclang
// (transpiler/tree.c: an_extent). ASYNCC_CHECK_EXTENTS=1 asks libclang too and stops on any
// difference; the output is the same with the check or without, and the program runs.
// Expressions of those kinds in every shape below: comments and line breaks inside parentheses,
// conversions around them, designated initializers and va_arg (unexposed expressions whose
// extent is not their child's), character and floating constants, GNU extensions, a split parse.
// RUN: env ASYNCC_CHECK_EXTENTS=1 %asyncc --emit=c --lines %s > %t.checked.c
// RUN: %asyncc --emit=c --lines %s > %t.c
// RUN: cmp %t.checked.c %t.c
// RUN: env ASYNCC_CHECK_EXTENTS=1 ASYNCC_SPLIT_MIN=1 %asyncc --emit=c --lines %s > %t.split.c
// RUN: cmp %t.split.c %t.c
// RUN: %run %s %t | %FileCheck %s
// CHECK: 84 3 9 2.5 x 11 12
#include <asyncc.h>
#include <stdarg.h>
#include <stdio.h>

struct pair {
    int a;
    long b;
};

static int sum(int n, ...)
{
    va_list ap;
    va_start(ap, n);
    int s = 0;
    for (int i = 0; i < n; i++)
        s += va_arg(ap, int);
    va_end(ap);
    return s;
}

async int id(int x)
{
    await(ac_sleep_ms(0));
    return x;
}

async int shapes(int n)
{
    long wide = n;                            /* an implicit conversion of a name */
    int total = ( /* a comment */ (wide) +
                  await(id(2))
                  // and a line comment
                ) * (int)(3);
    total += (((n)));
    total -= 'a' - 'a';
    total = total * 2 + await(id(0x10)) - 0x10 + 0;
    struct pair p = {.a = await(id(3)), .b = (long)n};
    double d = 2.5f;
    char c = (char)('x');
    int g = __extension__ (await(id(11)));
    int v = sum(2, await(id(5)), (7));
    printf("%d %d %d %.1f %c %d %d\n", total, p.a, (int)p.b, d, c, g, v);
    return total;
}

async int main(void)
{
    await(shapes(9));
    return 0;
}
