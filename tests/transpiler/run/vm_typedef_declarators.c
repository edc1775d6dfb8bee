// Typedefs of run-time size declared several in one declaration (`typedef int A[n], B[n][2];`:
// the second's type was written from the whole declaration, which did not compile), beside
// typedefs of fixed size (`typedef int A[n], I;`: a frame local of type I named a type left
// inside the function), with awaits in their sizes (an internal error), of const elements (their
// storage was freed through a pointer to const: -Wdiscarded-array-qualifiers), and a fixed one
// whose name file scope has.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

typedef long I; /* file scope's own: the local one below moves under a new name */

async int id(int x)
{
    await(ac_yield());
    return x;
}

async int several(int n)
{
    typedef int A[n], B[n + 1][2];
    A a;
    B b;
    a[0] = await(id(1));
    b[n][1] = 9;
    await(ac_yield());
    return (int)(sizeof a + sizeof b + sizeof(A) + sizeof(B)) + a[0] + b[n][1];
}

async int beside_fixed(int n)
{
    typedef int A[n], I, *PA[n + 1], (*RP)[n + 2];
    typedef short J, K[n];
    A a;
    I i = 4;
    J j = 2;
    PA pa;
    RP rp = 0;
    K k;
    a[0] = await(id(1));
    pa[n] = &i;
    k[n - 1] = j;
    await(ac_yield());
    printf("fixed %zu %zu %zu %zu %zu %d %d %d %d\n", sizeof a, sizeof(I), sizeof pa, sizeof *rp, sizeof k, a[0],
           *pa[n], i + j, k[n - 1]);
    return 0;
}

async int awaited_sizes(int n)
{
    typedef const char S[await(id(n))][await(id(2))], *const CP;
    typedef volatile int V[await(id(n + 1))];
    S s;
    V v;
    CP cp = "x";
    v[n] = await(id(5));
    await(ac_yield());
    printf("awaited %zu %zu %c %d\n", sizeof s, sizeof(V), *cp, v[n]);
    return 0;
}

async int main(void)
{
    // CHECK: several 98
    printf("several %d\n", await(several(3)));
    // CHECK: fixed 12 4 32 20 6 1 4 6 2
    await(beside_fixed(3));
    // CHECK: awaited 6 16 x 5
    await(awaited_sizes(3));
    // CHECK: file scope 8
    printf("file scope %zu\n", sizeof(I));
    return 0;
}
