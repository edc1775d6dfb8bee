// GNU __auto_type locals across awaits: the frame field has the deduced type (a scalar, a
// pointer to another frame local, a struct, a const double, a pointer to a variable-length array
// with no await in its scope). gcc's dg test auto-type-1.c made async. One that is a
// pointer to a variable-length array with an await in its scope is refused:
// diag/auto_type_vm.c.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

struct pt { int x, y; };
async int g(int x) { await(ac_yield()); return x; }

async int f(int n)
{
    __auto_type a = await(g(n));
    __auto_type p = &a;
    __auto_type s = (struct pt){1, 2};
    const __auto_type c = 2.5;
    int vm;
    {
        __auto_type q = (int (*)[n])0; /* no await in its scope */
        vm = (int)sizeof(*q);
    }
    await(ac_yield());
    *p += 1;
    return a + s.y + (int)c + vm;
}

async int main(void)
{
    // CHECK: 20
    printf("%d\n", await(f(3)));
    return 0;
}
// CHECK: exit: 0
