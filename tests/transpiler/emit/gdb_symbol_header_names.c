// gdb's `break child` stops in async function child even though <asyncc.h> names `child` before
// it is declared (process.h's `ac_child *child` parameters, a member `(*child)(...)`): what
// precedes a function's first declaration cannot name it, and the body keeps the symbol. Every
// such mention counted as a use, and an async function of a common name lost its symbol.
// REQUIRES: gdb
// RUN: %asyncc %s -o %t.c
// RUN: %FileCheck --check-prefix=SYM %s < %t.c
// RUN: %cc -g -O0 %t.c %libs -o %t
// RUN: gdb -batch -nx -ex "break child" -ex run -ex "bt 1" %t 2>&1 | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

static async int child(int x)
{
    await(ac_yield());
    return x * 2;
}

async int main(void)
{
    ac_task *t = ac_spawn(child(4));
    int v = 0;
    await(ac_task_join(t, &v));
    printf("%d\n", v + await(child(1)));
    return 0;
}
// SYM: ac__run_child({{.*}}) __asm__("child");
// CHECK: Breakpoint 1 at {{.*}}: file {{.*}}gdb_symbol_header_names.c, line 13.
// CHECK: hit Breakpoint 1{{(\.[0-9]+)?}}, {{.*}} at {{.*}}gdb_symbol_header_names.c:13
