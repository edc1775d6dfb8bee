// A variable-length array that lives across an await: its storage is allocated when the
// declaration runs and freed where C ends its lifetime: at the end of its block, at a break,
// continue, goto or return out of it, at a goto back over its declaration, and when the task is
// cancelled or its future dropped (the sanitizer builds of this test find any leak). sizeof,
// pointers to it and to its rows, typedefs of run-time size and arrays of pointers to VLAs work
// as in C (run/vla_cancelled.c: cancellation). Before: "variable-length array 'buf' cannot live
// across an await".
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

static int calls;
async static int fill(char *buf, int n)
{
    await(ac_yield());
    calls++;
    for (int i = 0; i < n; i++)
        buf[i] = (char)('a' + i % 26);
    return n;
}
async static int id(int v) { await(ac_yield()); calls++; return v; }

async static int load(int n)
{
    char buf[n + 1];
    int got = await(fill(buf, n));
    buf[got] = 0;
    printf("load %s %zu\n", buf, sizeof buf);
    return got;
}

async static int matrix(int r, int c)
{
    int m[r][c];
    for (int i = 0; i < r; i++)
        for (int j = 0; j < c; j++)
            m[i][j] = await(id(i * 10 + j));
    int (*row)[c] = &m[1];
    int *p = m[r - 1];
    r = c = 1; /* the type keeps the sizes of its declaration */
    await(ac_yield());
    int s = 0;
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 4; j++)
            s += m[i][j];
    printf("matrix %d %zu %zu %d %d\n", s, sizeof m, sizeof m[0], (*row)[3], p[0]);
    return s;
}

async static int jumps(int n)
{
    int total = 0, again = 0;
    for (int k = 1; k <= n; k++) {
        long v[k];
        for (int i = 0; i < k; i++)
            v[i] = i;
        await(ac_yield());
        if (k == 2)
            continue;
        for (int i = 0; i < k; i++)
            total += (int)v[i];
        if (k == 4)
            break;
    }
back:;
    short w[n + again];
    w[0] = (short)await(id(again));
    if (++again < 3)
        goto back;
    return total * 100 + w[0];
}

typedef struct { int a, b; } pair;
async static int types(int n)
{
    typedef pair row[n];
    row r;
    pair(*rows[2])[n];
    rows[0] = &r;
    rows[1] = 0;
    for (int i = 0; i < n; i++)
        r[i] = (pair){i, -i};
    await(ac_yield());
    return (*rows[0])[n - 1].a + (int)sizeof r + (rows[1] == 0);
}

async static int early(int n)
{
    int v[n];
    v[0] = 7;
    if (await(id(n)) > 2)
        return v[0];
    int w[n * 2];
    w[0] = 3;
    await(ac_yield());
    return v[0] + w[0];
}

async int main(void)
{
    // CHECK: load abcde 6
    await(load(5));
    // CHECK-NEXT: matrix 138 48 16 13 20
    await(matrix(3, 4));
    // CHECK-NEXT: jumps 902
    printf("jumps %d\n", await(jumps(6)));
    // CHECK-NEXT: types 27
    printf("types %d\n", await(types(3)));
    int e1 = await(early(5)), e2 = await(early(1));
    // CHECK-NEXT: early 7 10 calls 18
    printf("early %d %d calls %d\n", e1, e2, calls);
    return 0;
}
// CHECK-NEXT: exit: 0
