// A file parsed in two halves (ASYNCC_SPLIT_MIN=1 splits even this one) reports exactly what one
// parse reports. The first half is analyzed while the second is parsed, its diagnostics held
// back: when the second half has a C error, they are dropped and the file is parsed again whole,
// which reports the C error alone, as asyncc always does.
// RUN: not env ASYNCC_SPLIT_MIN=1 %asyncc %s -o %t.c 2> %t.split
// RUN: not env ASYNCC_SPLIT_MIN=4000000000 %asyncc %s -o %t.c 2> %t.whole
// RUN: diff %t.whole %t.split
// RUN: %FileCheck %s < %t.split
// RUN: %FileCheck --check-prefix=ANALYSIS %s < %t.split
// The first half parsed without error, so the error came from the second, after a restart:
// RUN: not env ASYNCC_SPLIT_MIN=1 ASYNCC_TIMING=1 %asyncc %s -o %t.c 2> %t.timing
// RUN: %FileCheck --check-prefix=RESTART %s < %t.timing
// Without the C error, both report the asyncc error of the first half:
// RUN: not env ASYNCC_SPLIT_MIN=1 %asyncc -DNO_C_ERROR %s -o %t.c 2> %t.split2
// RUN: not env ASYNCC_SPLIT_MIN=4000000000 %asyncc -DNO_C_ERROR %s -o %t.c 2> %t.whole2
// RUN: diff %t.whole2 %t.split2
// RUN: %FileCheck --check-prefix=ASYNCC %s < %t.split2
#include <asyncc.h>

async int leaf(int x)
{
    await(ac_yield());
    return x;
}

int not_async(void)
{
    return await(leaf(1));
}

async int middle(int x)
{
    return await(leaf(x)) + 1;
}

async int broken(int x)
{
#ifndef NO_C_ERROR
    return x + undeclared_here;
    // CHECK: split_errors.c:[[@LINE-1]]:16: error: use of undeclared identifier 'undeclared_here'
#else
    return x;
#endif
}
// ANALYSIS-NOT: outside an async function
// RESTART: asyncc: parse half
// RESTART-NOT: {{analyze|error:}}
// RESTART: error: use of undeclared identifier 'undeclared_here'

// ASYNCC: split_errors.c:{{[0-9]+}}:12: error: 'await' outside an async function
