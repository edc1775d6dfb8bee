// asyncc replaces whole lines: an async function must not share its lines with other code.
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s
#include <asyncc.h>

int before; async int f(void) { await(ac_yield()); return 1; }
// CHECK: {{.*}}shared_lines.c:[[@LINE-1]]:23: error: asyncc rewrites whole lines: put this function on lines of its own
