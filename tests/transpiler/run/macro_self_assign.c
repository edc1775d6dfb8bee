// A macro that gives its argument back (sqlite's `#define ROUND8P(x) (x)` on a 64-bit machine) in
// `nByte = ROUND8P(nByte);` is `nByte = (nByte);` in asyncc's output, written from the
// preprocessed text; clang's -Wself-assign (in -Wall) keeps quiet about the source, where the
// right side comes from a macro, and warned on the output (run.sh compiles it with clang
// -Werror; sqlite 3.40.1's allocSpace and sqlite3VdbeExec made async). future.h's
// AC__RUN_EXPANDED turns it off inside bodies (the guide's "Not honoured").
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

#define ROUND8P(x) (x)
#define SAME(x) x

static async long grow(long n, int rc)
{
    n = ROUND8P(n);
    await(ac_yield());
    rc = SAME(rc);
    n += rc;
    await(ac_yield());
    n = ROUND8P(n) * 2;
    return n;
}

async int main(void)
{
    printf("%ld\n", await(grow(20, 1)));
    // CHECK: 42
    return 0;
}
