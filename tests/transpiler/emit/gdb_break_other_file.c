// gdb's `break f` in an optimized gcc build of a real project: an async function declared in a
// header and defined in a file other than main's (Inputs/gdb_break_other_worker.c), whose unit
// gdb has not read when the breakpoint is set. gdb's index of names has no nested functions
// (future.h: AC__NAMED_BODY), so `break sum_slowly` said `Function "sum_slowly" not defined.`;
// the extension now reads the units of async functions when it loads. At -O2 and -O1.
// count_down's body (a loop around three awaits) is larger than gcc inlines: its nested function
// stays out of line as count_down.0, which `break count_down` did not find (`Function
// "count_down" not defined.`: gdb looks for nested functions only among inlined copies); the
// extension now names it count_down in a symbol file of its own (bodies.py), and `break
// count_down` stops there, each time a poll runs it, set before `run` (a PIE, relocated with
// the program) and typed at the prompt (where no hint follows it). `asyncc break` stops there too.
// REQUIRES: gdb
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: %asyncc -I%S/Inputs %s -o %t.dir/main.c
// RUN: %asyncc -I%S/Inputs %S/Inputs/gdb_break_other_worker.c -o %t.dir/worker.c
// RUN: %cc -g -O2 -I%S/Inputs %t.dir/main.c %t.dir/worker.c %libs -o %t.dir/prog
// RUN: gdb -batch -nx -iex "add-auto-load-safe-path %t.dir" -ex "break sum_slowly" -ex "asyncc break count_down" -ex run -ex "bt 1" -ex "delete 2" -ex continue -ex "bt 1" %t.dir/prog 2>&1 | %FileCheck %s
// RUN: %cc -g -O1 -I%S/Inputs %t.dir/main.c %t.dir/worker.c %libs -o %t.dir/prog1
// RUN: gdb -batch -nx -iex "add-auto-load-safe-path %t.dir" -ex "break sum_slowly" -ex "asyncc break count_down" -ex run -ex "bt 1" -ex "delete 2" -ex continue -ex "bt 1" %t.dir/prog1 2>&1 | %FileCheck %s
// RUN: gdb -batch -nx -iex "add-auto-load-safe-path %t.dir" -ex "break count_down" -ex run -ex "bt 1" -ex continue -ex "bt 1" %t.dir/prog 2>&1 | %FileCheck --check-prefix=OUT %s
// RUN: gdb -batch -nx -iex "add-auto-load-safe-path %t.dir" -ex "break count_down" -ex run -ex "bt 1" -ex continue -ex "bt 1" %t.dir/prog1 2>&1 | %FileCheck --check-prefix=OUT %s
// RUN: %python %S/../../gdb/interactive.py "(gdb) " "break count_down" "quit" -- gdb -q -nx -iex "set style enabled off" -iex "set breakpoint pending off" -iex "add-auto-load-safe-path %t.dir" %t.dir/prog 2>&1 | %FileCheck --check-prefix=HINT %s
#include <asyncc.h>
#include <stdio.h>

#include "gdb_break_other_file.h"

async int count_down(int n)
{
    int steps = 0;
    while (n > 0) {
        await(ac_sleep_ms(1));
        n -= await(sum_slowly(2)) + 1;
        steps++;
        if (steps > 100)
            break;
        await(ac_yield());
    }
    return steps;
}

async int main(void)
{
    printf("steps %d\n", await(count_down(3)));
    return 0;
}
// CHECK-NOT: not defined
// CHECK: Breakpoint 1 at {{.*}}gdb_break_other_worker.c
// CHECK: Breakpoint 2 at {{.*}}
// CHECK: hit Breakpoint 2{{(\.[0-9]+)?}}, {{.*}}count_down {{.*}} at {{.*}}gdb_break_other_file.c:{{[0-9]+}}
// CHECK: #0 {{.*}}count_down {{.*}}
// CHECK: hit Breakpoint 1{{(\.[0-9]+)?}}, {{.*}}sum_slowly {{.*}} at {{.*}}gdb_break_other_worker.c:{{[0-9]+}}
// CHECK: #0 {{.*}}sum_slowly {{.*}}

// OUT-NOT: not defined
// OUT: Breakpoint 1 at {{.*}}: file {{.*}}gdb_break_other_file.c, line {{[0-9]+}}.
// OUT: hit Breakpoint 1, count_down ({{.*}}ac__from=0{{.*}}) at {{.*}}gdb_break_other_file.c:{{[0-9]+}}
// OUT-NEXT: {{^[0-9]+}}
// OUT-NEXT: #0 count_down
// OUT: hit Breakpoint 1, count_down ({{.*}}ac__from=1{{.*}}) at {{.*}}gdb_break_other_file.c:{{[0-9]+}}
// OUT-NEXT: {{^[0-9]+}}
// OUT-NEXT: #0 count_down

// HINT-NOT: not defined
// HINT: Breakpoint 1 at {{.*}}: file {{.*}}gdb_break_other_file.c, line {{[0-9]+}}.
// HINT-NOT: asyncc:
