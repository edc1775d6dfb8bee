// Warnings the source gives that the rewriting would lose come back from the output, at the
// user's lines (lower_witness.c): -Wunused-parameter of a parameter the body never names (of a
// function that suspends, and of one that never does, once), -Wold-style-definition and
// -Wstrict-prototypes of a definition written `async int f()` (gcc and clang). The same CHECK
// lines hold for the source compiled as plain C and for the output; nothing more is reported.
// RUN: %asyncc %s -o %t.c
// RUN: %cc -Wno-error -Wstrict-prototypes -Wold-style-definition -c %t.c -o %t.o 2>&1 | %FileCheck %s --check-prefix=GCC --implicit-check-not=warning:
// RUN: %cc -Wno-error -Wstrict-prototypes -Wold-style-definition -fsyntax-only %s 2>&1 | %FileCheck %s --check-prefix=GCC --implicit-check-not=warning:
// RUN: %clang -std=gnu11 -Wall -Wextra -Wstrict-prototypes -I%S/../../../include -c %t.c -o %t.o 2>&1 | %FileCheck %s --check-prefix=CLANG --implicit-check-not=warning:
// RUN: %clang -std=gnu11 -Wall -Wextra -Wstrict-prototypes -I%S/../../../include -fsyntax-only %s 2>&1 | %FileCheck %s --check-prefix=CLANG --implicit-check-not=warning:
// RUN: %cc -Wno-error -Wno-unused-parameter -c %t.c -o %t.o 2>&1 | %FileCheck %s --allow-empty --check-prefix=NONE
// NONE-NOT: warning
#include <asyncc.h>

async int suspends(int used, int unused)
// GCC: restored_warnings.c:[[@LINE-1]]:34: warning: unused parameter {{.+}} [-Wunused-parameter]
// CLANG: restored_warnings.c:[[@LINE-2]]:34: warning: unused parameter 'unused' [-Wunused-parameter]
{
    await(ac_yield());
    return used;
}

static async int lines(int a,
                       const char *text,
// GCC: restored_warnings.c:[[@LINE-1]]:36: warning: unused parameter {{.+}} [-Wunused-parameter]
// CLANG: restored_warnings.c:[[@LINE-2]]:36: warning: unused parameter 'text' [-Wunused-parameter]
                       int __attribute__((unused)) quiet, long size)
// GCC: restored_warnings.c:[[@LINE-1]]:64: warning: unused parameter {{.+}} [-Wunused-parameter]
// CLANG: restored_warnings.c:[[@LINE-2]]:64: warning: unused parameter 'size' [-Wunused-parameter]
{
    await(ac_yield());
    return a;
}

async int never_suspends(int a, int b)
// GCC: restored_warnings.c:[[@LINE-1]]:37: warning: unused parameter {{.+}} [-Wunused-parameter]
// CLANG: restored_warnings.c:[[@LINE-2]]:37: warning: unused parameter 'b' [-Wunused-parameter]
{
    return a;
}

async int old_style()
// GCC: restored_warnings.c:[[@LINE-1]]:11: warning: function declaration isn{{.+}}t a prototype [-Wstrict-prototypes]
// GCC: restored_warnings.c:[[@LINE-2]]:11: warning: old-style function definition [-Wold-style-definition]
// CLANG: restored_warnings.c:[[@LINE-3]]:{{[0-9]+}}: warning: this old-style function definition is not preceded by a prototype [-Wstrict-prototypes]
{
    await(ac_yield());
    return 1;
}

static async int after_prototype(void);
static async int after_prototype()
// GCC: restored_warnings.c:[[@LINE-1]]:18: warning: old-style function definition [-Wold-style-definition]
{
    await(ac_yield());
    return 2;
}

async int main(void)
{
    return await(suspends(1, 2)) + await(lines(1, "", 0, 0)) + await(never_suspends(1, 2)) + await(old_style()) +
           await(after_prototype());
}
