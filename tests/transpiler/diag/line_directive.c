// A file with #line directives of its own cannot be rewritten line by line: an error, not a
// rewrite of the wrong lines.
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s
#include <asyncc.h>
#line 200 "grammar.y"
async int f(void)
{
    await(ac_yield());
    return 1;
}
// CHECK: {{.*}}line_directive.c:5:1: error: asyncc cannot rewrite a file that has #line directives of its own
