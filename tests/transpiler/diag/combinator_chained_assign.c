// A combinator's future assigned to two targets (`r = fd = f(x)`) is refused in words of its
// own at the user's line, and only once: the call was taken for one without await too.
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s --implicit-check-not=error:
#include <asyncc.h>
#include <fcntl.h>

async int f(int x) { return x; }

async int g(void)
{
    int r = 0, fd = -1, a, b;
    int w = await(ac_select(r = fd = ac_open("/etc/hostname", O_RDONLY, 0), ac_sleep_ms(1000)));
    // CHECK: {{.*}}combinator_chained_assign.c:[[@LINE-1]]:29: error: a future of ac_select is assigned to one target at most: write v = f(x) here and copy v after the await (a = v)
    await(ac_join(a = (b = f(1)), f(2)));
    // CHECK: {{.*}}combinator_chained_assign.c:[[@LINE-1]]:19: error: a future of ac_join is assigned to one target at most
    await(ac_timeout(10, a = b = f(3)));
    // CHECK: {{.*}}combinator_chained_assign.c:[[@LINE-1]]:26: error: a future of ac_timeout is assigned to one target at most
    return w + r + fd + a + b;
}
