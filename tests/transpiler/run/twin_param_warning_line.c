// A function that never suspends runs as the plain C function ac__now_f, its body in a nested
// function named f for gdb: that nested function's parameters were declared on the line of the
// body's `{`, so gcc's -Wunused-parameter of the output named the `{` line, the sequential
// build the function's own (oniguruma's `add_compile_string_length(UChar* s, int mb_len, ...)`
// made async, the warning two lines down).
// RUN: %asyncc %s -o %t.c
// RUN: %cc -O2 -Wno-error -Wextra -c %t.c -o %t.o 2>&1 | %FileCheck %s
// RUN: %cc -O2 -Wno-error -Wextra -DAC_SEQUENTIAL -I%S/../../../include -c %s -o %t.seq.o 2>&1 | %FileCheck %s
#include <asyncc.h>

static async int length(const char *s, int unused_len)
// CHECK: twin_param_warning_line.c:[[@LINE-1]]:{{[0-9]+}}: warning: unused parameter 'unused_len'

{
    return s[0];
}

async int main(void)
{
    return await(length("", 0));
}
