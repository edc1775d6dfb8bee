// Errors inside a multi-line await( and after a backslash-newline are reported at the line and
// column of the offending token, not where the preprocessor's joined line starts: clang's errors
// and asyncc's own.
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s
// RUN: not %asyncc -DOWN %s -o %t.c 2>&1 | %FileCheck --check-prefix=OWN %s
#include <asyncc.h>
#include <stdlib.h>

async int g(int a, int b)
{
    await(ac_yield());
    return a + b;
}

#ifndef OWN
async int f(int x)
{
    int y = await(g(x,
                    zz));
    // CHECK: multi_line_locations.c:[[@LINE-1]]:21: error: use of undeclared identifier 'zz'
    int w = 1 + \
        qq;
    // CHECK: multi_line_locations.c:[[@LINE-1]]:9: error: use of undeclared identifier 'qq'
    return y + w;
}
#else
async int f(int x)
{
    int y = await(g(x,
                    g(1, 2)));
    // OWN: multi_line_locations.c:[[@LINE-1]]:21: error: call of async function 'g' without await
    char *p = x > 0 ? \
        alloca(4) : 0;
    // OWN: multi_line_locations.c:[[@LINE-1]]:9: error: '{{.*}}alloca' cannot be used in an async function
    await(ac_yield());
    return y + (p != 0);
}
#endif
