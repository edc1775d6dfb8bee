/* A C90 program builds with -pedantic-errors, transpiled and as its sequential build: <asyncc.h>
 * wrote C99 (long long, _Bool, variadic macros, a comma after the last enumerator) that C90 with
 * -pedantic-errors refuses (gcc.dg's c90-*.c tests made async); under C90 it is a system header
 * now. The output's compound literals of frame locals' initializers (`struct pt p = {1, 2};`,
 * `int arr[4] = {...}`) are marked __extension__.
 * RUN: %cc -std=c90 -pedantic-errors -DAC_SEQUENTIAL -fsyntax-only %s
 * RUN: %clang -Wall -Wextra -Werror -I%S/../../../include -std=c90 -pedantic-errors -DAC_SEQUENTIAL -fsyntax-only %s
 * RUN: %asyncc -std=c90 %s -o %t.c
 * RUN: %cc -std=c90 -pedantic-errors %t.c %libs -o %t
 * RUN: %t | %FileCheck %s
 * RUN: %clang -Wall -Wextra -Werror -I%S/../../../include -std=c90 -pedantic-errors -fsyntax-only %t.c
 * RUN: %asyncc -std=iso9899:199409 %s -o %t.94.c
 * RUN: %cc -std=iso9899:199409 -pedantic-errors -c %t.94.c -o %t.94.o
 * RUN: %asyncc -ansi %s -o %t.ansi.c
 * RUN: %cc -ansi -pedantic-errors -c %t.ansi.c -o %t.ansi.o
 */
#include <asyncc.h>
#include <stdio.h>
#include <string.h>

struct pt {
    int x, y;
};

static async int twice(int x)
{
    int y;
    y = x * 2;
    await(ac_yield());
    return y;
}

static async struct pt origin(void)
{
    struct pt p = {1, 2};
    await(ac_yield());
    return p;
}

/* (Only the last of a block's declarations has an initializer: an initialized local that lives
 * across an await becomes a statement, and a declaration after it is one after a statement,
 * which C90 refuses: not yet handled.) */
static async struct pt mk(int a)
{
    char buf[16];
    struct pt p;
    struct pt q[2] = {{1, 2}, {3, 4}};
    p = await(origin());
    strcpy(buf, "hey");
    p.x = a;
    await(ac_yield());
    p.y += (int)strlen(buf) + q[1].y;
    return p;
}

/* A C90 enumeration's last enumerator without a comma; unsigned long, not long long. */
enum shape { ROUND, SQUARE };

static async unsigned long area(enum shape k, int side)
{
    unsigned long acc;
    int step;
    acc = 0;
    for (step = 0; step < side; step++)
        acc += k == SQUARE ? (unsigned long)await(twice(side)) / 2 : 1;
    return acc;
}

async int main(void)
{
    struct pt corner;
    unsigned long sq, rounds;
    int first, doubled;
    doubled = await(twice(21));
    corner = await(mk(3));
    sq = await(area(SQUARE, 4));
    await(ac_join(first = twice(1), rounds = area(ROUND, 2)));
    printf("%d %d %d %lu %d %lu\n", doubled, corner.x, corner.y, sq, first, rounds);
    return 0;
}
/*
 * CHECK: 42 3 9 16 2 2
 */
