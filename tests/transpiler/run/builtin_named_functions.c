// Async functions named like library functions gcc or clang know as built-ins, defined K&R style
// (`int ffs(x) int x;`) or with a prototype clang's built-in gives them (`long long llabs(long
// long)`): the output's witness of -Wmissing-prototypes (lower_witness.c) was a definition `ffs()`
// after a block declaration `ffs()`, of which gcc said "number of arguments doesn't match
// built-in prototype" (no option turns it off) and -Wbuiltin-declaration-mismatch, in -Wall, where
// the source gives nothing; of a name clang declares itself (labs) clang said "definition with
// same mangled name". A K&R witness now has f's parameters declared as f declares them, after a
// declaration with their promoted prototype; clang, which counts its own declaration as a
// prototype and warns nothing, does not see one for a name it knows.
// RUN: %run %s %t | %FileCheck %s
// RUN: %asyncc %s -o %t.c
// RUN: %cc -Wmissing-prototypes -Wno-error -c %t.c -o %t.o 2>&1 | %FileCheck %s --check-prefix=GCC --implicit-check-not=warning:
// RUN: %cc -Wmissing-prototypes -Wno-error -fsyntax-only %s 2>&1 | %FileCheck %s --check-prefix=GCC --implicit-check-not=warning:
// RUN: %clang -std=gnu11 -Wall -Wextra -Wmissing-prototypes -Wstrict-prototypes -I%S/../../../include -c %t.c -o %t.o 2>&1 | %FileCheck %s --check-prefix=CLANG --implicit-check-not=warning: --implicit-check-not=error:
// RUN: %clang -std=gnu11 -Wall -Wextra -Wmissing-prototypes -Wstrict-prototypes -I%S/../../../include -fsyntax-only %s 2>&1 | %FileCheck %s --check-prefix=CLANG --implicit-check-not=warning: --implicit-check-not=error:
#include <asyncc.h>
#include <stdio.h>

async int id(int x);

async int ffs(x)
// GCC: builtin_named_functions.c:[[@LINE-1]]:11: warning: no previous prototype for {{.+}}ffs{{.+}} [-Wmissing-prototypes]
// CLANG-DAG: builtin_named_functions.c:[[@LINE-2]]:11: warning: no previous prototype for function 'ffs' [-Wmissing-prototypes]
// CLANG-DAG: builtin_named_functions.c:[[@LINE-3]]:14: warning: this old-style function definition is not preceded by a prototype [-Wstrict-prototypes]
    int x;
{
    int n = await(id(0));
    for (int i = 0; i < 32; i++)
        if (x & (1 << i))
            return n + i + 1;
    return n;
}

async long labs(v) long v;
// GCC: builtin_named_functions.c:[[@LINE-1]]:12: warning: no previous prototype for {{.+}}labs{{.+}} [-Wmissing-prototypes]
{
    return await(id(0)) + (v < 0 ? -v : v);
}

async int abs(v) short v;
// GCC: builtin_named_functions.c:[[@LINE-1]]:11: warning: no previous prototype for {{.+}}abs{{.+}} [-Wmissing-prototypes]
{
    return await(id(0)) + (v < 0 ? -v : v);
}

async double fabs(d) float d;
// GCC: builtin_named_functions.c:[[@LINE-1]]:14: warning: no previous prototype for {{.+}}fabs{{.+}} [-Wmissing-prototypes]
{
    return await(id(0)) + (d < 0 ? -d : d);
}

async long long llabs(long long v)
// GCC: builtin_named_functions.c:[[@LINE-1]]:17: warning: no previous prototype for {{.+}}llabs{{.+}} [-Wmissing-prototypes]
{
    return await(id(0)) + (v < 0 ? -v : v);
}

async int id(int x)
{
    await(ac_yield());
    return x;
}

async int main(void)
{
    // CHECK: 3 5 3 2.5 7
    printf("%d %ld %d %g %lld\n", await(ffs(12)), await(labs(-5L)), await(abs(-3)), await(fabs(-2.5f)), await(llabs(-7LL)));
    return 0;
}
// CHECK-NEXT: exit: 0
