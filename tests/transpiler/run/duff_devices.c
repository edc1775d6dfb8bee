// Switches whose case labels sit inside loops and branches that await (Duff's device), in several
// layouts, annotated the ways gcc's -Wimplicit-fallthrough (in -Wextra) accepts: the generated
// code keeps each annotation right before its label. A fallthrough comment between two statements
// on one line (`case 0: s += await(id(1)); /* fallthrough */ case 1: ...`) was dropped, and the
// output warned where the source does not.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

async int id(int x)
{
    await(ac_yield());
    return x;
}

/* never suspend: awaits of them are direct calls */
async int nosusp(int x)
{
    return x;
}

async int now(int x)
{
    return x;
}

/* annotated Duff device with awaits in different places */
async int a1(int count)
{
    int n = (count + 3) / 4, s = 0;
    switch (count % 4) {
    case 0: do { s += await(id(1));
            /* fallthrough */
    case 3: s += 2;
            __attribute__((fallthrough));
    case 2: if (s > 100) break; else s += await(id(3));
            /* FALLTHRU */
    case 1: s += 4;
            } while (--n > 0);
    }
    return s;
}

async int a2(int count)
{
    int n = (count + 3) / 4, s = 0;
    switch (count % 4) {
    case 0:
        while (1) {
            s += 1;
            // fallthrough
        case 3:
            s += await(id(2));
            // fallthrough
        case 2:
            s += 3;
            /* fallthrough */
        case 1:
            s += 4;
            if (--n <= 0)
                break;
        }
    }
    return s;
}

async int a3(int count)
{
    int n = (count + 3) / 4, s = 0;
    switch (count % 4) {
    case 0:
        for (; n > 0; n--) {
            s += await(nosusp(1));
            __attribute__((fallthrough));
        case 3:
            { s += await(id(2)); }
            __attribute__((fallthrough));
        case 2:
            s += 3;
            __attribute__((fallthrough));
        case 1:
            s += 4;
        }
    }
    return s;
}

async int a4(int count)
{
    int n = (count + 3) / 4, s = 0;
    switch (count % 4) {
    case 0: do { s += 1; /* fallthrough */
    case 3: s += 2; /* fallthrough */
    case 2: s += 3; /* fallthrough */
    case 1: s += 4;
            } while (await(id(--n)) > 0);
    }
    return s;
}

async int a5(int x)
{
    int s = 0;
    switch (x) {
    case 0:
        s += await(id(1));
        /* fallthrough */
    case 1:
        if (x)
            s += await(id(2));
        else
            s += 5;
        /* fallthrough */
    case 2:
        while (s < 10)
            s += await(id(3));
        // fallthrough
    case 3:
        do
            s += await(id(1));
        while (0);
        // fallthrough
    default:
        s += 100;
    }
    return s;
}


async int b1(int x)
{
    int s = 0, i = 0;
    switch (x) {
    case 0:
        do
            s += 1;
        while (await(id(i++)) < 2);
        /* fallthrough */
    case 1:
        while (await(id(i--)) > 0)
            s += 10;
        // fallthrough
    case 2:
        for (int k = await(id(0)); k < await(id(2)); k++)
            s += 100;
        __attribute__((fallthrough));
    case 3:
        for (int k = 0; k < 2; k += await(id(1)))
            s += 1000;
        /* fallthrough */
    case 4:
        if (await(id(x)) > 3)
            s += 5;
        /* fallthrough */
    default:
        s += 10000;
    }
    return s;
}

async int b2(int x)
{
    int s = 0;
    switch (x) {
    case 0:
        s += ({ int t = await(id(1)); t; });
        /* fallthrough */
    case 1: {
        int u = await(id(2));
        s += u;
    }
        /* fallthrough */
    case 2:
        s += x ? await(id(3)) : 4;
        /* fallthrough */
    case 3:
        s += x && await(id(5));
        // fallthrough
    case 4:;
    }
    return s;
}


async int twin_duff(int count)
{
    int n = (count + 3) / 4, s = 0;
    switch (count % 4) {
    case 0: do { s += await(now(1)); /* fallthrough */
    case 3: s += await(now(2)); /* fallthrough */
    case 2: s += 3; /* fallthrough */
    case 1: s += await(now(4));
            } while (--n > 0);
    }
    return s;
}

async int one_line(int x)
{
    int s = 0;
    switch (x) { case 0: s += await(id(1)); /* fallthrough */ case 1: s += await(id(2)); /* fallthrough */ case 2: s += 3; }
    return s;
}

async int allman(int count)
{
    int n = (count + 3) / 4, s = 0;
    switch (count % 4)
    {
    case 0:
        do
        {
            s += await(id(1));
            /* fallthrough */
        case 3:
            s += 2;
            if (s > 1000)
            {
                break;
            }
            /* fallthrough */
        case 2:
            s += await(id(3));
            /* fallthrough */
        case 1:
            s += 4;
        }
        while (--n > 0);
    }
    return s;
}

async int main(void)
{
    // CHECK: 19 24 17 14
    printf("%d %d %d %d\n", await(a1(7)), await(a2(9)), await(a3(6)), await(a4(5)));
    // CHECK: 113 112 113
    printf("%d %d %d\n", await(a5(0)), await(a5(1)), await(a5(2)));
    // CHECK: 12233 12000 10005
    printf("%d %d %d\n", await(b1(0)), await(b1(3)), await(b1(4)));
    // CHECK: 7 6 1
    printf("%d %d %d\n", await(b2(0)), await(b2(1)), await(b2(3)));
    // CHECK: 19 6 19
    printf("%d %d %d\n", await(twin_duff(7)), await(one_line(0)), await(allman(7)));
    return 0;
}
