// async on a definition but not on the prototype its header gives other files: they would call
// f as a plain function, which no longer exists, and the build failed only at link time.
// RUN: not %asyncc -I%S/Inputs %s -o %t.c 2>&1 | %FileCheck %s
#include <asyncc.h>
#include "plain_proto.h"
// CHECK: plain_proto.h:2:5: error: 'f' is declared here without async but defined async; write async on this declaration too

async int f(int x)
{
    await(ac_yield());
    return x;
}
