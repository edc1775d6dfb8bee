// An async function defined in a header cannot be transpiled with the file that includes it.
// RUN: not %asyncc -I%S/Inputs %s -o %t.c 2>&1 | %FileCheck %s
#include "defines_async.h"
// CHECK: {{.*}}defines_async.h:3:{{[0-9]+}}: error: async function defined in an included file
