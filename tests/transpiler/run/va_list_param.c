// An async function taking a `va_list` (an async vlog called by a plain variadic wrapper). C
// adjusts the parameter to a pointer to va_list's element, a struct the compiler declares itself
// (x86-64's `struct __va_list_tag`): spelled by name in the generated prototypes it declared a new
// struct there ("conflicting types for ac__now_vsum"), and va_arg refused the pointer. Found by
// tcc's tests2/73_arm64.c made async.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdarg.h>
#include <stdio.h>

static async int next_int(va_list ap)
{
    await(ac_yield());
    return va_arg(ap, int);
}

static async int vsum(int n, va_list ap)
{
    int s = 0;
    for (int i = 0; i < n; i++)
        s += await(next_int(ap)); /* the callee reads the caller's list, as C passes it */
    return s;
}

static async int vfirst(va_list ap) /* never suspends: its plain twin takes the list too */
{
    return va_arg(ap, int);
}

static int sum(int n, ...)
{
    va_list ap;
    va_start(ap, n);
    int s = ac_block_on(vsum(n, ap));
    va_end(ap);
    return s;
}

static int first(int n, ...)
{
    va_list ap;
    va_start(ap, n);
    int s = ac_block_on(vfirst(ap));
    va_end(ap);
    return s;
}

int main(void)
{
    printf("%d %d\n", sum(4, 1, 20, 300, 4000), first(1, 42));
    return 0;
}
// CHECK: 4321 42
