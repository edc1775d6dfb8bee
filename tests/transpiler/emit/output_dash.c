// `-o -` writes the transpiled C to standard output, as gcc's `-o -` does, and creates no file
// named "-" (before: a file "-" in the current directory).
// RUN: rm -rf %t.dir && mkdir %t.dir && cd %t.dir && %asyncc %s -o - > out.c
// RUN: test ! -e %t.dir/-
// RUN: %FileCheck %s < %t.dir/out.c
#include <asyncc.h>

async int f(void)
{
    await(ac_yield());
    return 1;
}
// CHECK: ac__run_f
