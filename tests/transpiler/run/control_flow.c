// Every statement form with awaits inside: if/else, while/do/for with awaiting conditions and
// increments, continue reaching the increment, switch with awaits in cases and fallthrough, goto
// across awaits, nested blocks, early return, void functions.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

async int id(int x)
{
    await(ac_yield());
    return x;
}

async void note(const char *what, int v)
{
    await(ac_yield());
    printf("%s %d\n", what, v);
}

async int early(int x)
{
    if (x > 5)
        return await(id(x * 2));
    await(note("early-small", x));
    return -1;
}

async int main(void)
{
    int i = 0;
    if (await(id(1)))
        await(note("if-then", 1));
    else
        await(note("if-else", 0));
    if (await(id(0)) == 1) {
        printf("wrong\n");
    } else if (await(id(2)) == 2) {
        await(note("else-if", 2));
    }
    while (await(id(i)) < 3) {
        i++;
        if (i == 2)
            continue;
        await(note("while", i));
    }
    // CHECK: if-then 1
    // CHECK-NEXT: else-if 2
    // CHECK-NEXT: while 1
    // CHECK-NEXT: while 3
    i = 0;
    do {
        i++;
        if (i == 2)
            continue; /* must still evaluate the awaiting condition */
        await(note("do", i));
    } while (await(id(i)) < 4);
    // CHECK-NEXT: do 1
    // CHECK-NEXT: do 3
    // CHECK-NEXT: do 4
    for (int k = await(id(10)); k < await(id(14)); k += await(id(1))) {
        if (k == 11)
            continue; /* must still run the awaiting increment */
        if (k == 13)
            break;
        await(note("for", k));
    }
    // CHECK-NEXT: for 10
    // CHECK-NEXT: for 12
    for (int k = 0; k < 2; k++) {
        for (int j = 0; j < 2; j++) {
            if (j == 1)
                continue;
            await(note("nested", k * 10 + j));
        }
    }
    // CHECK-NEXT: nested 0
    // CHECK-NEXT: nested 10
    for (int c = 0; c < 4; c++) {
        switch (await(id(c))) {
        case 0:
            await(note("case0", c));
            /* fallthrough */
        case 1:
            await(note("case1", c));
            break;
        case 2: {
            int local = await(id(20));
            await(note("case2", local));
            break;
        }
        default:
            await(note("default", c));
        }
    }
    // CHECK-NEXT: case0 0
    // CHECK-NEXT: case1 0
    // CHECK-NEXT: case1 1
    // CHECK-NEXT: case2 20
    // CHECK-NEXT: default 3
    int n = 0;
again:
    n += await(id(1));
    if (n < 3)
        goto again;
    await(note("goto", n));
    // CHECK-NEXT: goto 3
    {
        int a = await(id(7));
        {
            int b = await(id(8));
            await(note("blocks", a + b));
        }
    }
    // CHECK-NEXT: blocks 15
    int e9 = await(early(9));
    printf("early %d %d\n", e9, await(early(1)));
    // CHECK-NEXT: early-small 1
    // CHECK-NEXT: early 18 -1
    return 0;
}
// CHECK-NEXT: exit: 0
