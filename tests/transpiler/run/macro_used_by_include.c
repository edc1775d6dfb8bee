// A macro of the file used only by a file that an #include inside an async body brings in (cmark's
// utf8.c defines bufpush, then includes case_fold_switch.inc in its switch). The body's code is
// written expanded, and the macros its own text names are tested with #ifdef after it, so that
// -Wunused-macros counts them used as the plain build does; a macro named in the included file
// alone was missed: "macro "PUSH" is not used", an error under -Werror. A macro no code uses
// still warns.
// RUN: cd %S && %asyncc macro_used_by_include.c -o %t.c
// RUN: cd %S && %cc -Wunused-macros -c %t.c -o %t.o
// RUN: cd %S && %run macro_used_by_include.c %t | %FileCheck %s
// RUN: cd %S && %asyncc -DUNUSED_TOO macro_used_by_include.c -o %t.unused.c
// RUN: cd %S && not %cc -DUNUSED_TOO -Wunused-macros -c %t.unused.c -o %t.o 2>&1 | %FileCheck %s --check-prefix=UNUSED
#include <asyncc.h>
#include <stdio.h>

static async void put(char *out, int *n, int c)
{
    await(ac_yield());
    out[(*n)++] = (char)c;
}

#define PUSH(x) await(put(out, n, x))
#define SHOUT(c) ((c) - 'a' + 'A')
#ifdef UNUSED_TOO
#define NEVER_USED 1
// UNUSED: macro_used_by_include.c:[[@LINE-1]]:{{( [0-9]+:)?}} error: macro "NEVER_USED" is not used
#endif

static async void fold(char *out, int *n, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
#include "Inputs/macro_push.def"
        default:
            await(put(out, n, *s));
        }
    }
}

async int main(void)
{
    char out[16] = {0};
    int n = 0;
    await(fold(out, &n, "abc"));
    puts(out);
    return 0;
}
// CHECK: ABc
// CHECK-NEXT: exit: 0
