// -Wmissing-prototypes of an async function of external linkage defined with no declaration
// before it, or after `f()` only, comes back from the output at the user's line and column
// (lower_witness.c), from gcc and clang alike, and only there: not after a prototype (in the file
// or a header), not for a static function or main. A declaration `async int f();` stays in the
// output (output.c) with its -Wstrict-prototypes. The same CHECK lines hold for the source compiled as plain C and
// for the output, and the output links (its witnesses are weak and named apart from f). For a
// definition without a prototype (`f()`, K&R) gcc's -Wstrict-prototypes says its warning
// instead, as for the source.
// RUN: %asyncc %s -o %t.c
// RUN: %cc -Wno-error -Wmissing-prototypes -c %t.c -o %t.o 2>&1 | %FileCheck %s --check-prefix=GCC --implicit-check-not=warning:
// RUN: %cc -Wno-error -Wmissing-prototypes -fsyntax-only %s 2>&1 | %FileCheck %s --check-prefix=GCC --implicit-check-not=warning:
// RUN: %cc -Wno-error -Wmissing-prototypes -Wstrict-prototypes -Wold-style-definition -c %t.c -o %t.o 2>&1 | %FileCheck %s --check-prefix=STRICT --implicit-check-not=warning:
// RUN: %cc -Wno-error -Wmissing-prototypes -Wstrict-prototypes -Wold-style-definition -fsyntax-only %s 2>&1 | %FileCheck %s --check-prefix=STRICT --implicit-check-not=warning:
// RUN: %clang -std=gnu11 -Wall -Wextra -Wmissing-prototypes -I%S/../../../include -c %t.c -o %t.o 2>&1 | %FileCheck %s --check-prefix=CLANG --implicit-check-not=warning:
// RUN: %clang -std=gnu11 -Wall -Wextra -Wmissing-prototypes -I%S/../../../include -fsyntax-only %s 2>&1 | %FileCheck %s --check-prefix=CLANG --implicit-check-not=warning:
// RUN: %cc -w -c %t.c -o %t.o && nm %t.o | %FileCheck %s --check-prefix=SYMBOLS
// SYMBOLS: W ac__w_declared_old
// SYMBOLS: W ac__w_empty_parens
// SYMBOLS: W ac__w_knr
// SYMBOLS: W ac__w_no_declaration
// SYMBOLS-NOT: ac__w_declared
#include <asyncc.h>

async int no_declaration(int used, long unused_too)
// GCC-DAG: missing_prototypes.c:[[@LINE-1]]:11: warning: no previous prototype for {{.+}}no_declaration{{.+}} [-Wmissing-prototypes]
// GCC-DAG: missing_prototypes.c:[[@LINE-2]]:41: warning: unused parameter {{.+}} [-Wunused-parameter]
// STRICT-DAG: missing_prototypes.c:[[@LINE-3]]:11: warning: no previous prototype for {{.+}}no_declaration{{.+}} [-Wmissing-prototypes]
// STRICT-DAG: missing_prototypes.c:[[@LINE-4]]:41: warning: unused parameter {{.+}} [-Wunused-parameter]
// CLANG-DAG: missing_prototypes.c:[[@LINE-5]]:11: warning: no previous prototype for function 'no_declaration' [-Wmissing-prototypes]
// CLANG-DAG: missing_prototypes.c:[[@LINE-6]]:41: warning: unused parameter 'unused_too' [-Wunused-parameter]
{
    await(ac_yield());
    return used;
}

async int declared(int a);
async int declared(int a)
{
    await(ac_yield());
    return a;
}

async int
  vm_params(int n, int rows[n])
// GCC: missing_prototypes.c:[[@LINE-1]]:3: warning: no previous prototype for {{.+}}vm_params{{.+}} [-Wmissing-prototypes]
// STRICT: missing_prototypes.c:[[@LINE-2]]:3: warning: no previous prototype for {{.+}}vm_params{{.+}} [-Wmissing-prototypes]
// CLANG: missing_prototypes.c:[[@LINE-3]]:3: warning: no previous prototype for function 'vm_params' [-Wmissing-prototypes]
{
    await(ac_yield());
    return rows[n - 1];
}

async long empty_parens()
// GCC: missing_prototypes.c:[[@LINE-1]]:12: warning: no previous prototype for {{.+}}empty_parens{{.+}} [-Wmissing-prototypes]
// STRICT: missing_prototypes.c:[[@LINE-2]]:12: warning: function declaration isn{{.+}}t a prototype [-Wstrict-prototypes]
// STRICT: missing_prototypes.c:[[@LINE-3]]:12: warning: old-style function definition [-Wold-style-definition]
// CLANG: missing_prototypes.c:[[@LINE-4]]:12: warning: no previous prototype for function 'empty_parens' [-Wmissing-prototypes]
{
    await(ac_yield());
    return 6;
}

async int knr(a, c)
    int a;
    char c;
// GCC: missing_prototypes.c:[[@LINE-3]]:11: warning: no previous prototype for {{.+}}knr{{.+}} [-Wmissing-prototypes]
// STRICT: missing_prototypes.c:[[@LINE-4]]:11: warning: function declaration isn{{.+}}t a prototype [-Wstrict-prototypes]
// STRICT: missing_prototypes.c:[[@LINE-5]]:11: warning: old-style function definition [-Wold-style-definition]
// CLANG: missing_prototypes.c:[[@LINE-6]]:11: warning: no previous prototype for function 'knr' [-Wmissing-prototypes]
{
    await(ac_yield());
    return a + c;
}

async int declared_old();
// STRICT: missing_prototypes.c:[[@LINE-1]]:1: warning: function declaration isn{{.+}}t a prototype [-Wstrict-prototypes]
async int declared_old(int a)
// GCC: missing_prototypes.c:[[@LINE-1]]:11: warning: no previous prototype for {{.+}}declared_old{{.+}} [-Wmissing-prototypes]
// STRICT: missing_prototypes.c:[[@LINE-2]]:11: warning: no previous prototype for {{.+}}declared_old{{.+}} [-Wmissing-prototypes]
// CLANG: missing_prototypes.c:[[@LINE-3]]:11: warning: no previous prototype for function 'declared_old' [-Wmissing-prototypes]
{
    await(ac_yield());
    return a;
}

static async int file_local(void)
{
    await(ac_yield());
    return 3;
}

async int main(void)
{
    int rows[2] = {4, 5};
    return await(no_declaration(1, 2)) + await(declared(2)) + await(vm_params(2, rows)) + await(file_local()) + await(declared_old(1)) +
           (int)await(empty_parens()) + await(knr(1, 2));
}
