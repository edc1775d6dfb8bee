// The depfile named by -MF is an output too: `asyncc -MD -MF x.c x.c` had clang's preprocessor
// replace the source with its dependency list, where `-o x.c` was refused. Refused now in both
// spellings (`-MF FILE`, `-MFFILE`), also through a link to the same file; the input is
// left as it was.
// RUN: cp %s %t.c
// RUN: not %asyncc -MD -MF %t.c %t.c -o %t.out.c 2>&1 | %FileCheck %s
// RUN: ln -sf %t.c %t.link.c
// RUN: not %asyncc -MD -MF%t.link.c %t.c -o %t.out.c 2>&1 | %FileCheck %s
// RUN: cmp %s %t.c
// RUN: %asyncc -MD -MF %t.d %t.c -o %t.out.c
// RUN: grep -q 'asyncc.h' %t.d
// CHECK: asyncc: refusing to overwrite the input file {{.*}}.c with the depfile -MF {{.*}}.c{{$}}
#include <asyncc.h>

async int f(void)
{
    await(ac_yield());
    return 1;
}
