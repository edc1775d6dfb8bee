// restrict-qualified pointer locals across awaits, in the frame and only copied for the debugger
// (a const one too): the output's debug copies took `&p`, an `int *restrict *`, as memcpy's
// `const void *`, which clang reports at -Wall (the output did not compile with -Werror).
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

async int id(int v)
{
    await(ac_yield());
    return v;
}

static async int fill(int *restrict out, const int *restrict in, int n)
{
    int *restrict o = out;
    const int *restrict const end = in + n;
    for (const int *restrict p = in; p < end; p++)
        *o++ = *p * await(id(2));
    int *restrict last = out + n - 1;
    await(ac_yield());
    return *last;
}

async int main(void)
{
    int in[3] = {1, 2, 3}, out[3];
    int *restrict unused_later = out;
    int last = await(fill(out, in, 3));
    unused_later[0] += 100;
    // CHECK: 102 4 6 last 6
    printf("%d %d %d last %d\n", out[0], out[1], out[2], last);
    return 0;
}
// CHECK-NEXT: exit: 0
