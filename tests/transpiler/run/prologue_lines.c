// The user's text before the first async function keeps its file and lines in the output:
// __FILE__ and __LINE__ there, and the compiler's warnings, name the source as in the plain
// build (they named the output file).
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>
#include <string.h>

static const char *const file = __FILE__;
static const int line = __LINE__;

async int main(void)
{
    await(ac_yield());
    printf("%s %d\n", strrchr(file, '/') ? strrchr(file, '/') + 1 : file, line);
    return 0;
}
// CHECK: prologue_lines.c 10
