// A goto that jumps into a block past a local's declaration, to `x = await(...)`: the local is
// a C local of the generated code, declared with its field's value, which the jump skips. The
// store of its value at that await's suspension read it uninitialized, and gcc -O2 said so
// (-Wmaybe-uninitialized, an error under -Werror; found in nasm's parser.c made async). The
// value is not needed there: resuming, the await's own statement writes it first.
// RUN: %run %s %t | %FileCheck %s
// RUN: %cc -O2 %t.async.c %libs -o %t.O2 && %t.O2 | %FileCheck %s --check-prefix=O2
#include <asyncc.h>
#include <stdio.h>

async int g(int v)
{
    await(ac_yield());
    return v;
}

async int jump_in(int k)
{
    int r = 0;
    if (k > 5)
        goto inside;
    {
        int x;
    inside:
        x = await(g(k));
        r += x;
        await(ac_yield());
        r += x;
    }
    return r;
}

/* a loop reads the value the await wrote in the iteration before */
async int loop_carried(int n)
{
    int last = -1, sum = 0;
    for (int i = 0; i < n; i++) {
        sum += last;
        last = (await(g(i * 10)));
    }
    return sum + last;
}

async int main(void)
{
    printf("%d %d %d\n", await(jump_in(3)), await(jump_in(7)), await(loop_carried(4)));
    // CHECK: 6 14 59
    // O2: 6 14 59
    return 0;
}
// CHECK-NEXT: exit: 0
