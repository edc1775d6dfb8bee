// sizeof evaluates an operand of variable length array type (C11 6.5.3.4p2): `sizeof(rows[i])`
// with `int (*rows)[n]` runs i. asyncc took every sizeof operand for unevaluated and wrote an
// await there as __builtin_trap() ("never runs"): the program died of SIGILL (gcc.dg
// vla-stexp-9.c made async). Now the await runs, once; where the operand's value would be a
// pointer to a VLA out of an awaiting expression, the documented refusal says so instead.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>
#include <stdlib.h>

static int calls;

static async int idx(void)
{
    await(ac_yield());
    calls++;
    return 1;
}

async int main(void)
{
    int n = 4;
    int (*rows)[n] = calloc(2, sizeof *rows);
    size_t size = sizeof(rows[await(idx())]);
    // CHECK: 16 1
    printf("%zu %d\n", size, calls);
    free(rows);
    return 0;
}
