// A K&R definition's narrow parameters (char, short, _Bool, float) arrive promoted (int, double):
// the generated init and args functions store them into the frame's fields of the declared
// types, which clang's -Wconversion (in -Weverything) took for an implicit narrowing the source
// never writes ("implicit conversion loses integer precision: 'int' to 'char'"). The stores say
// the conversion the definition makes; the program still runs as the plain build does.
// RUN: %asyncc %s -o %t.c
// RUN: %clang -std=gnu11 -Wconversion -Wfloat-conversion -Wno-strict-prototypes -Werror -I%S/../../../include -fsyntax-only %t.c
// RUN: %cc -Wconversion -Wno-old-style-definition %t.c %libs -o %t && %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

async int narrow(c, s, b, f, i)
    char c;
    short s;
    _Bool b;
    float f;
    int i;
{
    await(ac_yield());
    return c + s + b + (int)f + i;
}

async int main(void)
{
    // CHECK: 4512
    printf("%d\n", await(narrow(300, 70000, 1, 2.5, 1)));
    return 0;
}
