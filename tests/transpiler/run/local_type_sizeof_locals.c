// Local types whose definitions use sizeof or _Alignof of a local variable (`enum { N = sizeof buf
// / sizeof buf[0] };`, `struct r { char a[sizeof buf]; } v;`) move to file scope with the frame,
// saying the value, which C knows at compile time, instead of the name file scope does not see.
// A types-only declaration was refused ("refers to a local variable"), and a type defined
// together with variables moved naming the local: the output did not compile.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

async int id(int x)
{
    await(ac_yield());
    return x;
}

async int main(void)
{
    char buf[12];
    static short table[5];
    double d = 0;
    enum { N = sizeof buf / sizeof buf[0], M = N * 2, T = sizeof table, A = _Alignof(d) };
    typedef char same_as_buf[sizeof buf];
    struct r { char a[sizeof buf]; unsigned bits : sizeof(table[0]) * 4; char c; } v = {"hi", 3, 'c'};
    struct { int n[sizeof(buf) + 1]; } w = {{[sizeof buf] = 7}};
    int arr[M];
    same_as_buf copy = "copy";
    for (int i = 0; i < M; i++)
        arr[i] = i;
    int k = await(id(N));
    table[1] = (short)k;
    v.bits += (unsigned)await(id(1));
    await(ac_yield());
    switch (k) {
    case N:
        // CHECK: enum 12 24 23 96 10 8 12
        printf("enum %d %d %d %zu %d %d %d\n", N, M, arr[M - 1], sizeof arr, T, A, table[1]);
        break;
    }
    // CHECK-NEXT: struct hi 4 c 12 16 7 copy 12 0
    printf("struct %s %u %c %zu %zu %d %s %zu %g\n", v.a, v.bits, v.c, sizeof v.a, sizeof v, w.n[sizeof buf], copy,
           sizeof copy, d);
    return 0;
}
