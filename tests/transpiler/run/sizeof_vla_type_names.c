// Awaits in the array sizes of a type name. sizeof evaluates its type name only when the type is
// a VLA (C11 6.5.3.4p2), and then every size written in it once, as gcc and clang do:
// `sizeof(int[n][await(f())])` awaited f twice (libclang shows a VLA's sizes twice in a sizeof,
// and only repeats next to each other were taken for one), and `sizeof(int (*)[await(f())])`,
// a pointer's size, awaited f although C never evaluates it. Whether the type is a VLA is
// whether the sizeof is a constant: libclang's repeats do not say it for a typeof or an array
// of one (`sizeof(__typeof__(int[await(f())])[2])`). A block typedef whose size awaits
// (`typedef int row[await(f())];`) was an internal error ("an await in this kind of statement
// reached the code generation unchecked"): its size is captured where it runs, as any typedef of
// run-time size.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

static int calls;

static async int f(int v)
{
    calls++;
    await(ac_yield());
    return v;
}

static async int sizes(int n)
{
    int s = 0;
    s += (int)sizeof(int[n][await(f(2))]);                      /* 16, one call */
    s += (int)sizeof(int[await(f(3))][await(f(2))]);            /* 24, two calls */
    s += (int)sizeof(int[3][await(f(2))]);                      /* 24, one call */
    s += (int)sizeof(int[n][n][await(f(2))]);                   /* 32, one call */
    s += (int)sizeof(int (*[await(f(2))])[await(f(5))]);         /* 16, two calls (the pointee's too) */
    s += (int)sizeof(int (*)[n][await(f(9))]);                  /* 8, never evaluated */
    s += (int)sizeof(int (*)[await(f(9))]);                     /* 8, never evaluated */
    s += (int)_Alignof(int[await(f(9))]);                       /* 4, never evaluated */
    s += (int)sizeof(__typeof__(int[await(f(3))]));             /* 12, one call */
    s += (int)sizeof(__typeof__(int[await(f(5))])[2]);          /* 40, one call */
    s += (int)sizeof(__typeof__(int (*)[await(f(9))]));         /* 8, never evaluated */
    return s;
}

static async int typedefs(int n)
{
    typedef int row[await(f(3))];
    typedef row mat[n][await(f(2))];
    typedef int (*ptr)[await(f(5))];
    await(f(0));
    row r;
    r[2] = 3;
    mat m;
    m[n - 1][1][2] = 7;
    ptr p = 0;
    for (int i = 0; i < 2; i++) {
        typedef char line[await(f(i + 1))];
        await(ac_yield());
        printf("line %zu\n", sizeof(line));
    }
    return (int)(sizeof(row) + sizeof(mat) + sizeof(*p)) + r[2] + m[n - 1][1][2];
}

async int main(void)
{
    // CHECK: sizes 192 calls 9
    int s = await(sizes(2));
    printf("sizes %d calls %d\n", s, calls);
    calls = 0;
    // CHECK-NEXT: line 1
    // CHECK-NEXT: line 2
    // CHECK-NEXT: typedefs 90 calls 6
    s = await(typedefs(2));
    printf("typedefs %d calls %d\n", s, calls);
    return 0;
}
