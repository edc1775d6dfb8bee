// asyncc never overwrites the user's file: -o naming the input is refused and the input is intact.
// RUN: cp %s %t.in.c
// RUN: not %asyncc %t.in.c -o %t.in.c 2>&1 | %FileCheck %s
// RUN: cmp %s %t.in.c
// CHECK: refusing to overwrite the input file
// An input that opens but cannot be read (a directory) is an error, with no output written (it
// was taken for an empty file: exit 0 and an empty output).
// RUN: rm -rf %t.dir %t.out.c && mkdir %t.dir
// RUN: not %asyncc %t.dir -o %t.out.c 2>&1 | %FileCheck --check-prefix=DIR %s
// RUN: test ! -e %t.out.c
// DIR: asyncc: cannot read {{.*}}.dir: Is a directory
#include <asyncc.h>

async int f(void)
{
    await(ac_yield());
    return 1;
}
