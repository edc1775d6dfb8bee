// `#pragma omp declare simd` (or `declare variant`) asks for vector clones of the function after
// it; an async function is a state machine behind a future, which has no such clones, and the
// output put the pragma before generated code: gcc said "'#pragma omp declare simd' must be
// followed by function declaration or definition" of a function the user did write (gcc.dg/vect's
// pr59984, pr62021, pr64421 made async). Refused at the pragma, with the reason.
// RUN: not %asyncc -fopenmp %s -o %t.c 2>&1 | %FileCheck %s
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s
#include <asyncc.h>

#pragma omp declare simd
async int sq(int x);
// CHECK: omp_declare_simd.c:[[@LINE-2]]:1: error: '#pragma omp declare simd' asks for vector clones of 'sq', which is async: an async function has none; declare a plain function for the pragma and call it from the async one

#pragma omp declare simd notinbranch
/* a comment between them */
async int twice(int x)
// CHECK: omp_declare_simd.c:[[@LINE-3]]:1: error: '#pragma omp declare simd' asks for vector clones of 'twice', which is async
{
    await(ac_yield());
    return 2 * x;
}

#pragma omp declare simd
int plain(int x)
{
    return x + 1;
}
// CHECK-NOT: 'plain'
