// Errors inside a multi-line await( and after a backslash-newline are reported at the line and
// column of the offending token, not where the preprocessor's joined line starts: clang's errors
// and asyncc's own. So are those on the line that closes a multi-line await( (`1)) + id(2)`:
// the column was one past, taken for the await's `))`), after an ac_timeout( (its two arguments
// parted the walk: five past, or another line's), and one inside a user's macro, at the macro's
// name (it was at the column of the expansion, past the line's end).
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s
// RUN: not %asyncc -DOWN %s -o %t.c 2>&1 | %FileCheck --check-prefix=OWN %s
// RUN: not %asyncc -DCLOSING %s -o %t.c 2>&1 | %FileCheck --check-prefix=CLOSING %s
#include <asyncc.h>
#include <stdlib.h>

async int g(int a, int b)
{
    await(ac_yield());
    return a + b;
}

#if !defined(OWN) && !defined(CLOSING)
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
#elif defined(CLOSING)
#define LOCAL_BUF(n) char *b_ = alloca(n)
async int f(int x)
{
    int a = await(g(x,
        1)) + g(2, 3);
    // CLOSING: multi_line_locations.c:[[@LINE-1]]:15: error: call of async function 'g' without await
    int b = await(ac_timeout(10, g(1, 2))) + sizeof(await(ac_select(g(1, 2), g(3, 4))));
    // CLOSING: multi_line_locations.c:[[@LINE-1]]:53: error: combinators inside sizeof
    int c = _Generic(x, int: await(ac_timeout(10,
        g(1, 2))), default: 0) + sizeof(await(ac_select(g(1, 2),
                                                         g(3, 4))));
    // CLOSING: multi_line_locations.c:[[@LINE-2]]:41: error: combinators inside sizeof
    LOCAL_BUF(\
x);
    // CLOSING: multi_line_locations.c:[[@LINE-2]]:5: error: '{{.*}}alloca' cannot be used in an async function
    return a + b + c + *b_;
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
