// An #include inside the body of an async function (statements, an interpreter's opcode cases,
// an X-macro initializer) and the input's own #line naming another file and then its own again
// (as bison writes around each action). The function's code comes from several files: asyncc
// refused it as "a #line directive inside an async function names another file" (zlib 1.2.13's
// inflate.c includes its fixed tables in fixedtables()). Now each generated line says its own
// file and line: a diagnostic of the compiler lands where the code was written.
// RUN: cd %S && %run include_in_body.c %t | %FileCheck %s
// RUN: cd %S && %asyncc include_in_body.c -o %t.c && %FileCheck --check-prefix=LINES %s < %t.c
#include <asyncc.h>
#include <stdio.h>

static async int scaled(int x, int k)
{
    await(ac_yield());
    return x * (k + 1);
}

static async int step(int k)
{
    int total = k;
#include "Inputs/body_steps.h"
    await(ac_yield());
    return total;
}
// LINES: #line 3 "{{.*}}Inputs/body_steps.h"
// LINES: #line 22 "{{.*}}include_in_body.c"

static async int run(const int *ops, int n)
{
    int acc = 1;
    for (int i = 0; i < n; i++) {
        switch (ops[i]) {
#include "Inputs/body_ops.def"
        default:
            acc++;
        }
    }
    return acc;
}

static async int table_sum(void)
{
    static const int table[] = {
#include "Inputs/body_table.def"
    };
    int s = 0;
    for (unsigned i = 0; i < sizeof table / sizeof table[0]; i++)
        s += await(scaled(table[i], 0));
    return s;
}

static async int action(int v)
{
    int r = v;
#line 100 "grammar.y"
    r = await(scaled(r, 1)) + __LINE__;
#line 58 "include_in_body.c"
    await(ac_yield());
    return r + __LINE__;
}
// LINES: #line 100 "grammar.y"
// LINES: #line 58 "{{.*}}include_in_body.c"

async int main(void)
{
    static const int ops[] = {1, 2, 7, 1};
    // CHECK: 2 3 100 161
    printf("%d %d %d %d\n", await(step(0)), await(run(ops, 4)), await(table_sum()), await(action(1)));
    return 0;
}
