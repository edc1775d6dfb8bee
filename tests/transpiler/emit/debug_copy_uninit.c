// The debug copy of a local at an await (future.h's AC__DEBUG_STORE, also what AC__DEBUG_SAVE
// is under gcc; unoptimized builds only) reads the local's value, which the program may not
// have set yet: gcc -O0 then called the copy a use of an uninitialized variable (csmith seed 304
// of the funcs20 set: `int i, j;` never used, in a block of awaits). That read is not the
// program's, and gcc is told so where the macro is defined; a read of the program's own still
// warns. The shape is the output's: a dispatch that jumps to a resume label inside the block.
// RUN: %cc -O0 -c %s -o %t.o
// RUN: not %cc -O0 -DOWN_READ -c %s -o %t.o 2>&1 | %FileCheck %s
// CHECK: 'k' is used uninitialized
#include <asyncc.h>

int copy(int from, int n);
int copy(int from, int n)
{
    unsigned char d[sizeof(int)] = {0};
    switch (from) {
    case 1:
        goto resume;
    }
    {
        int k;
        if (n) {
        resume:
            n++;
        }
        AC__DEBUG_STORE(d, k);
#ifdef OWN_READ
        n += k;
#endif
    }
    return d[0] + n;
}
