// Input that is not C gets clang's errors and exit status 1, never a crash. Found by
// fuzz/mutate.py: with an unbalanced bracket at file scope, the scan for plain function bodies
// gave up without saying how many bodies it had found, and asyncc allocated as many as an
// uninitialized count said (`asyncc: out of memory`, exit 2) before reporting anything. And
// clang's "too many errors emitted" has no place: it is said of the file, not of line 0.
// RUN: not %asyncc -DCASE=1 %s -o %t.c 2>&1 | %FileCheck --check-prefix=UNBALANCED %s
// RUN: not %asyncc -DCASE=2 %s -o %t.c 2>&1 | %FileCheck --check-prefix=MANY %s
#include <asyncc.h>

#if CASE == 1
async int shapes(void)
{
    union ;
    // UNBALANCED: {{.*}}malformed_input.c:[[@LINE-1]]:5: error: declaration of anonymous union must be a definition
        int i;
    } word = {.i = 1};
    await(ac_yield());
    return word.i;
}
// UNBALANCED-NOT: out of memory
#elif CASE == 2
#define E1 ] ;
#define E4 E1 E1 E1 E1
#define E16 E4 E4 E4 E4
E16 E16
// MANY: {{.*}}malformed_input.c:[[@LINE-1]]:1: error: expected identifier or '('
// MANY: {{^[^:]*}}malformed_input.c: error: too many errors emitted, stopping now
// MANY-NOT: :0:0:
#endif
