// An await of a noreturn async function: asyncc drops the attribute (the future returns while
// pending), and the code after the await was reachable for the compiler, so a switch case that
// ends in `await(die(...));` warned -Wimplicit-fallthrough in the output where the plain program
// does not (gcc.dg pr33676.c made async; a -Werror build failed). What follows such an await is
// now __builtin_unreachable(), as after the call. The attribute is found in each spelling:
// __attribute__((noreturn)), __attribute__((__noreturn__)), _Noreturn; for a function that
// suspends and one that never does (its plain twin is called directly). An ac_join completes when
// every future has, so one of a noreturn function ends the path too (bzip2 made async with
// combinators: `case BZ_DATA_ERROR: await(ac_join(ac_yield(), crcError()));` warned).
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>
#include <stdlib.h>

static async __attribute__((noreturn)) void die(int code)
{
    await(ac_yield());
    exit(code);
}

static _Noreturn async void quit(int code)
{
    exit(code);
}

static async void __attribute__((__noreturn__)) finish(const char *why)
{
    printf("finish: %s\n", why);
    await(ac_yield());
    exit(0);
}

static async int pick(int x)
{
    int r = 0;
    switch (x) {
    case 0:
        await(die(3));
    case 1:
        r = 5;
        break;
    case 2:
        await(quit(4));
    default:
        r = x * 10;
    }
    return r;
}

static async int sign(int x)
{
    if (x >= 0)
        return x > 0;
    await(die(5));
}

static async int joined(int x)
{
    switch (x) {
    case 0:
        await(ac_join(ac_yield(), die(6)));
    case 1:
        return 1;
    default:
        break;
    }
    if (x > 1)
        return x;
    await(ac_join(quit(7), ac_yield()));
}

async int main(void)
{
    // CHECK: joined 1 9
    printf("joined %d %d\n", await(joined(1)), await(joined(9)));
    // CHECK: 5 70 1 0
    printf("%d %d %d %d\n", await(pick(1)), await(pick(7)), await(sign(9)), await(sign(0)));
    // CHECK-NEXT: finish: done
    await(finish("done"));
}
