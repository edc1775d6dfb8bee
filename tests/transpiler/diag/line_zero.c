// An error that a `# 0 "file"` line marker places at line 0 (gcc.dg's for-1.c, whose error is "at
// end of input" there) is clang's `file:0:col: error:`; asyncc took line 0 for an error without
// a location and printed `input: error:`, with neither the file the marker names nor the column.
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s
// CHECK: zero.c:0:{{[0-9]+}}: error: expected '(' after 'for'
// CHECK: zero.c:0:{{[0-9]+}}: error: expected '}'
// CHECK-NOT: line_zero.c: error
#include <asyncc.h>

# 0 "zero.c"
async void foo(void) { for
