/* A program that builds clean with -std=c99 -pedantic-errors builds clean made async too: the
 * generated code wrote C11 and GNU syntax that -pedantic refuses in C99 (gcc's dg test
 * Wdeclaration-after-statement-2.c made async): unnamed unions and structs in the frame ("ISO
 * C99 doesn't support unnamed structs/unions"), _Alignas on child frames and _Alignof in the
 * future type, _Static_assert of a promised frame size, statement expressions for
 * ac_spawn/ac_block_on and for assignments of structs with const members ("ISO C forbids
 * braced-groups within expressions"), and the preprocessor's line markers after an #if inside a
 * body ("style of line directive is a GCC extension"). Each is now marked __extension__ or
 * written in its GNU form that every mode accepts.
 * RUN: %asyncc -std=c99 %s -o %t.c
 * RUN: %cc -std=c99 -pedantic-errors %t.c %libs -o %t
 * RUN: %t | %FileCheck %s
 * RUN: %clang -Wall -Wextra -Werror -I%S/../../../include -std=c99 -pedantic-errors -fsyntax-only %t.c
 * RUN: %asyncc -std=c11 %s -o %t.11.c
 * RUN: %cc -std=c11 -pedantic-errors -c %t.11.c -o %t.11.o
 * RUN: %clang -Wall -Wextra -Werror -I%S/../../../include -std=c11 -pedantic-errors -fsyntax-only %t.11.c
 */
#include <asyncc.h>
#include <stdio.h>

enum { ac__frame_size_promised = 256 };

struct fixed {
    const int id;
    int v;
};

async int promised(int n)
{
    await(ac_yield());
    return n + 1;
}

static async struct fixed make(int id)
{
    struct fixed f = {id, id * 2};
    await(ac_yield());
    return f;
}

static async int blocks(int n)
{
    int s = 0;
    {
        int a[8] = {1, 2, 3};
        await(ac_yield());
        s += a[n % 3];
    }
    {
        long b[8] = {10, 20, 30};
        await(ac_yield());
        s += (int)b[n % 3];
    }
#if 1
    s += 100;
#endif
    struct fixed f = await(make(n));
    await(ac_yield());
    return s + f.id + f.v + await(promised(n));
}

static async int run(void)
{
    int r = 0;
    ac_task *t = ac_spawn(blocks(1));
    await(ac_task_join(t, &r));
    return r;
}

int main(void)
{
    // CHECK: 127
    printf("%d\n", ac_block_on(run()));
    return 0;
}
