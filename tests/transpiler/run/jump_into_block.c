// A jump into a block past the declaration of a local that lives across an await: a goto from
// outside the block (pcre2_match's RMATCH: `goto L_RM204` from a dispatch after the function's
// loop, into the middle of a `for` inside `if (utf) { uint32_t d; ...`), a goto from before the
// declaration, and a case label after it. Kept as a C local, the local was declared with its
// frame field's value, which the jump skips, and the next suspension stored it uninitialized:
// gcc -O1/-O2 said -Wmaybe-uninitialized (an error under -Werror; pcre2_match.c made async), and
// a _Bool's stack bytes made -fsanitize=bool abort ("load of value 65") where the program never
// reads it before writing it. Such a local lives in its frame field alone now.
// RUN: %asyncc %s -o %t.c
// RUN: %cc -O2 -Wall -Wextra -Werror -c %t.c -o %t.o
// RUN: %cc -O1 -Wall -Wextra -Werror -c %t.c -o %t.o
// RUN: %cc -O0 -g -fsanitize=bool -fno-sanitize-recover=bool %t.c %libs -o %t.O0 && %t.O0 | %FileCheck %s --check-prefix=DIRECT
// RUN: %clang -std=gnu11 -O1 -fsanitize=bool -fno-sanitize-recover=bool -I%S/../../../include %t.c %libs -o %t.clang && %t.clang | %FileCheck %s --check-prefix=DIRECT
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdbool.h>
#include <stdio.h>

async int g(int v)
{
    await(ac_yield());
    return v;
}

/* the block is first entered at L_1, by the goto after it */
async int dispatch(int n)
{
    int sum = 0, ret = 0;
    if (n < 0)
        goto RET;
    ret = 1;
    goto CALL;
    {
        unsigned d;
        bool seen;
        for (;;) {
            ret = 1;
            goto CALL;
        L_1:;
            await(ac_yield());
            d = (unsigned)await(g(n));
            seen = d > 2;
            sum += (int)d + seen;
            if (--n < 0)
                break;
        }
    }
    return sum;
CALL:
    sum += 100;
RET:
    if (ret == 1)
        goto L_1;
    return -1;
}

/* a goto from before the declaration, in its block */
async int forward(int k)
{
    int r = 0;
    {
        if (k > 0)
            goto in;
        bool b = false;
        r += b;
    in:
        await(ac_yield());
        b = await(g(k)) > 1;
        r += b;
    }
    return r;
}

/* a case label after the declarations */
async int cases(int k)
{
    int r = 0;
    switch (k) {
    case 0: {
        bool b;
        unsigned u;
        b = true;
        u = 7;
        r += b + (int)u;
    case 1:
        await(ac_yield());
        b = k > 0;
        u = (unsigned)await(g(k));
        r += b + (int)u;
    }
    }
    return r;
}

/* stack bytes that are no _Bool where the run functions' locals will be */
static void scribble(void)
{
    volatile unsigned char junk[8192];
    for (unsigned i = 0; i < sizeof junk; i++)
        junk[i] = 0x41;
}

async int main(void)
{
    scribble();
    int a = await(dispatch(3)), b = await(dispatch(-1));
    scribble();
    int c = await(forward(2)), d = await(forward(0));
    scribble();
    printf("%d %d %d %d %d %d %d\n", a, b, c, d, await(cases(0)), await(cases(1)), await(cases(2)));
    // CHECK: 407 -1 1 0 8 2 0
    // DIRECT: 407 -1 1 0 8 2 0
    return 0;
}
// CHECK-NEXT: exit: 0
