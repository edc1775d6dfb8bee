/* The warnings a const local of constant value spares the source, spared in the output too
 * (constants.c; run/const_local_constant.c runs the same cases): an unsigned compared with it
 * (-Wsign-compare), it stored to a narrower type it fits (-Wconstant-conversion), compared with
 * a boolean (-Wtautological-constant-compare): the compilers fold its value in the source, and
 * did not fold its frame field in the output; a `const char fmt[]` as printf's format
 * (-Wformat-nonliteral: gcc checks the literal it was initialized with; byacc's reader.c).
 * gcc -O2 and clang -Weverything, every -std.
 * RUN: bash %S/../strict.sh %s %t c90 c99 c11 gnu11 | %FileCheck %s
 * CHECK: strict: clean
 */
#include <asyncc.h>
#include <stdio.h>

static async int step(int i)
{
    await(ac_yield());
    return i;
}

async long folded(unsigned k);
async long folded(unsigned k)
{
    const int n = 10;
    const long small = 100L;
    const int one = 1;
    long s = 0;
    unsigned i;
    signed char c;
    for (i = 0; i < n; i++)
        s += await(step((int)i));
    c = small;
    if (k < n && c != 0)
        s += await(step(c));
    if ((k > 3) < one)
        s += await(step(one));
    {
        const char fmt[] = "%.*s destructor\n";
        int len = await(step(3));
        printf(fmt, len, "tagname");
    }
    return s;
}
