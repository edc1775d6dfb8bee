// A break, continue or return inside a statement expression that is an argument of a
// combinator's future: the jump leaves before any child starts, the cleanups of the loop's
// locals run, and the futures of the other arguments' awaits have finished.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

#define NEVER 1000000000UL

static int released;

static void release(int *p)
{
    released += *p;
}

async static int val(int x)
{
    await(ac_yield());
    return x;
}

async static int f(int n)
{
    int s = 0;
    for (int i = 0; i < n; i++) {
        int g __attribute__((cleanup(release))) = 1;
        int a = 0, b = 0;
        await(ac_join(a = val(await(val(i))), b = val(({ if (i == 1) continue; if (i == 3) break; i * 10; }))));
        s += a + b;
        if (await(ac_timeout(NEVER, a = val(({ if (i == 2) return s * 1000 + released; i; })))) != 0)
            return -1;
        s += a;
    }
    return s;
}

async int main(void)
{
    // CHECK: 22002
    // CHECK-NEXT: 22005
    // CHECK-NEXT: 6
    printf("%d\n", await(f(5)));
    printf("%d\n", await(f(4)));
    printf("%d\n", released);
    return 0;
}
