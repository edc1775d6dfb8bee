// An alignment asyncc cannot evaluate (an enumeration constant) on a local that lives across an
// await is an error, not a guess: the frame field needs the number.
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s
#include <asyncc.h>

enum { LINE = 32 };

async int f(int n)
{
    _Alignas(LINE) char line[64] = {1};
    // CHECK: {{.*}}alignment_unknown.c:[[@LINE-1]]:25: error: asyncc cannot tell the alignment that 'line' asks for, and it lives across an await; write the alignment as an integer constant or a type
    await(ac_yield());
    return line[0] + n;
}
