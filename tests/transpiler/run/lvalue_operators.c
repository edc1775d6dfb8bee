// A local named through an operator that gives back the same object (or part of it): GNU
// __extension__, __real__ and __imag__, and the operand a C11 _Generic or __builtin_choose_expr
// selects. Its address taken through one (`&__imag__ z`, `&_Generic(0, int: x)`) was not seen:
// the local stayed a C local of the run function, not in the frame, and the pointer read the
// stack of an earlier poll after the await (a silent miscompile, visible at -O2); nor was a
// pointer into a frame local that way (it shared bytes with a later local). A write through one
// (`__extension__ y = 6;`, `_Generic(0, int: z)++`, `__real__ w = 8`) was not seen either: the
// local was taken for one never written after its initializer, whose field is not stored when
// the function suspends, and the resumption loaded the initial value back (also at -O0).
// RUN: %asyncc --emit=frames %s | %FileCheck %s
// RUN: %run %s %t | %FileCheck %s --check-prefix=OUT
#include <asyncc.h>
#include <stdio.h>
#include <string.h>

async int id(int x)
{
    await(ac_yield());
    return x;
}

// CHECK-LABEL: async int addressed
// CHECK-DAG: z {{.*}}_Complex double
// CHECK-DAG: x {{.*}}int {{.*}}local
// CHECK-DAG: e {{.*}}int {{.*}}local
// CHECK-DAG: c {{.*}}int {{.*}}local
// CHECK: states:
async int addressed(void)
{
    _Complex double z = 1.5 + 2.5i;
    double *im = &__imag__ z, *re = &__real__ z;
    int x = 7;
    long y = 9;
    int *px = &_Generic(0, int: x, default: y);
    int e = 11, *pe = &__extension__ e;
    int c = 13, *pc = &__builtin_choose_expr(1, c, x);
    await(ac_yield());
    *re += 1;
    return (int)(*im * 10 + *re * 100) + *px * 1000 + *pe * 10000 + *pc * 100000;
}
// OUT: 1417275{{$}}

// A pointer into a frame local, through them: the local keeps its bytes to its scope's end
// (members of the frame's struct, none in a union of shared bytes).
// CHECK-LABEL: async int escaping
// CHECK: {{^ +[0-9]+ +16  z }}
// CHECK: {{^ +[0-9]+ +16  a }}
// CHECK: {{^ +[0-9]+ +64  junk }}
// CHECK: states:
async int escaping(void)
{
    _Complex double z = 3.5 + 4.5i;
    double *im = &__imag__ z;
    int a[4] = {1, 2, 3, 4};
    int *pa = &_Generic(0, int: a[2]);
    await(ac_yield());
    char junk[64];
    memset(junk, 0x55, sizeof junk);
    await(ac_yield());
    return (int)(*im * 10) + *pa * 100 + junk[0] * 0;
}
// OUT: 345{{$}}

#define SET(v, val) (_Generic((v), default: (v)) = (val))

async int written(void)
{
    int x = 1;
    SET(x, 5);
    await(ac_yield());
    int y = 2;
    __extension__ y = 6;
    await(ac_yield());
    int z = 3;
    _Generic(0, int: z)++;
    await(ac_yield());
    double w = 4;
    __real__ w = 8;
    await(ac_yield());
    int q = 1;
    __builtin_choose_expr(1, q, x) = 9;
    await(ac_yield());
    return x * 10000 + y * 1000 + z * 100 + (int)w * 10 + q;
}
// OUT: 56489{{$}}

async int main(void)
{
    printf("%d\n", await(addressed()));
    printf("%d\n", await(escaping()));
    printf("%d\n", await(written()));
    return 0;
}
// OUT: exit: 0
