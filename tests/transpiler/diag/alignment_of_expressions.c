// sizeof or _Alignof of an expression as an alignment (`_Alignas(sizeof d)`) on a local that lives
// across an await is refused as an enumerator is (the frame field needs the number); an await in
// an attribute's argument, which libclang does not show, is refused where it is (it was said to be
// in an OpenMP directive).
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s --implicit-check-not=error:
#include <asyncc.h>

async int g(int x) { await(ac_yield()); return x; }

async int f(long n)
{
    _Alignas(sizeof n) char a[3] = {1};
    // CHECK-DAG: alignment_of_expressions.c:[[@LINE-1]]:29: error: asyncc cannot tell the alignment that 'a' asks for
    char b[3] __attribute__((aligned(_Alignof(a)))) = {2};
    // CHECK-DAG: alignment_of_expressions.c:[[@LINE-1]]:10: error: asyncc cannot tell the alignment that 'b' asks for
    _Alignas(sizeof(await(g(1)))) char c[3] = {3};
    // CHECK-DAG: alignment_of_expressions.c:[[@LINE-1]]:21: error: asyncc cannot see this 'await': it is inside a construct whose expressions libclang does not show (an OpenMP directive, an attribute's argument)
    // CHECK-DAG: alignment_of_expressions.c:[[@LINE-2]]:40: error: asyncc cannot tell the alignment that 'c' asks for
    await(ac_yield());
    return a[0] + b[0] + c[0];
}
