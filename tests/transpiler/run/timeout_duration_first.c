// ac_timeout(ms, f(x)) evaluates ms before f's arguments, as the source writes it and as C's
// comma runs it in plain C (`((void)(ms), (void)(f(x)), 0)`, the sequential build). The
// lowering evaluated the future's arguments first, their awaits and then the duration's: a
// duration that awaits, or that writes what the arguments read, gave another result than the
// sequential build, silently. Found writing the combinator tests (combinators in C contexts).
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

#define NEVER 1000000000UL

async static int traced(int x)
{
    await(ac_yield());
    printf("traced %d\n", x);
    return x;
}

async int main(void)
{
    int v = 0;
    // CHECK: traced 1
    // CHECK-NEXT: traced 2
    // CHECK-NEXT: traced 12
    // CHECK-NEXT: rc 0 v 12
    int rc = await(ac_timeout(await(traced(1)) * NEVER, v = traced(await(traced(2)) + 10)));
    printf("rc %d v %d\n", rc, v);
    unsigned long ms = 0;
    // CHECK-NEXT: traced 21
    // CHECK-NEXT: rc 0 v 21
    rc = await(ac_timeout((ms = NEVER), v = traced((int)(ms / NEVER) + 20)));
    printf("rc %d v %d\n", rc, v);
    return 0;
}
