/* Output for -std=c89/-std=c90 compiles: the generated poll, argument and run functions were
 * `static inline`, and C90 has no inline ("expected ';' before 'void'"); they are __inline__,
 * which gcc and clang take in every mode (gcc's torture test pr7284-1 is -std=c89).
 * RUN: %asyncc -std=c89 %s -o %t.c
 * RUN: %cc -std=c89 -O1 %t.c %libs -o %t
 * RUN: %t | %FileCheck %s
 * RUN: %asyncc -std=c90 %s -o %t.90.c
 * RUN: %cc -std=c90 -c %t.90.c -o %t.90.o
 */
#include <asyncc.h>
#include <stdio.h>
#include <string.h>

struct pt { int x, y; };

static async int twice(int x)
{
    int y;
    y = x * 2;
    await(ac_yield());
    return y;
}

static async struct pt mk(int a)
{
    struct pt p;
    char buf[16];
    int arr[4] = {1, 2, 3, 4};
    p.x = a;
    strcpy(buf, "hey");
    await(ac_yield());
    p.y = (int)strlen(buf) + arr[3];
    return p;
}

static async long loop(int n)
{
    long s = 0;
    int i;
    for (i = 0; i < n; i++) {
        switch (i % 3) {
        case 0:
            s += await(twice(i));
            break;
        case 1:
            if (await(twice(i)) > 4)
                goto skip;
            s++;
        skip:
            break;
        default:
            s += i && await(twice(1));
        }
    }
    do {
        s += (await(twice(1)), 1);
    } while (0);
    return s;
}

async int main(void)
{
    int r, a, b;
    struct pt p;
    long l;
    r = await(twice(21));
    p = await(mk(3));
    l = await(loop(10));
    await(ac_join(a = twice(1), b = twice(2)));
    printf("%d %d %d %ld %d %d\n", r, p.x, p.y, l, a, b);
    return 0;
}
/*
 * CHECK: 42 3 7 41 2 4
 */
