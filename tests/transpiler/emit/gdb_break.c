// #line directives make gdb break on the user's own line inside an async function and show the
// user's file in the backtrace, while the code runs in the generated ac__run_main. Generated
// boilerplate is attributed to the generated file, so the breakpoint has exactly one location.
// REQUIRES: gdb
// RUN: %asyncc %s -o %t.c
// RUN: %cc -g -O0 %t.c %libs -o %t
// RUN: gdb -batch -nx -ex "break gdb_break.c:20" -ex run -ex "bt 2" -ex "print total" %t 2>&1 | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

async int twice(int x)
{
    await(ac_yield());
    return 2 * x;
}

async int main(void)
{
    int total = await(twice(20));
    total += await(twice(1));
    printf("total %d\n", total);
    return 0;
}
// CHECK: Breakpoint 1 at {{.*}}gdb_break.c, line 20.
// CHECK: hit Breakpoint 1{{(\.[0-9]+)?}}, ac__run_main ({{.*}}) at {{.*}}gdb_break.c:20
// CHECK: #0  ac__run_main ({{.*}}) at {{.*}}gdb_break.c:20
// CHECK: $1 = 40
