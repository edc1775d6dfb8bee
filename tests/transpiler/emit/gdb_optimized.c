// `asyncc break f` (the gdb extension) stops in async function f's body in an optimized build,
// where gcc inlines the body (ac__run_f, whose debug info has that name, not f's) and
// `break f` finds nothing; at -O0 `break f` does it (emit/gdb_symbols). Typed at gdb's prompt
// there, `break f` (which fails) is followed by a hint to use `asyncc break f`; not for a name
// that is no async function.
// REQUIRES: gdb
// RUN: %asyncc %s -o %t.c
// RUN: %cc -g -O2 %t.c %libs -o %t
// RUN: gdb -batch -nx -iex "add-auto-load-safe-path %t" -ex "asyncc break count_up" -ex "asyncc break nothing_here" -ex run -ex "bt 1" -ex continue %t 2>&1 | %FileCheck %s
// RUN: %python %S/../../gdb/interactive.py "(gdb) " "break count_up" "break nothing_here" "quit" -- gdb -q -nx -iex "set style enabled off" -iex "set breakpoint pending off" -iex "add-auto-load-safe-path %t" %t 2>&1 | %FileCheck --check-prefix=HINT %s
#include <asyncc.h>
#include <stdio.h>

async int count_up(int n)
{
    int sum = 0;
    for (int i = 0; i < n; i++) {
        await(ac_yield());
        sum += i;
    }
    return sum;
}

async int main(void)
{
    int total = await(count_up(3));
    total += await(count_up(4));
    printf("total %d\n", total);
    return 0;
}
// CHECK: Breakpoint 1 at {{.*}}count_up{{.*}}
// CHECK: no async function nothing_here with debug info in this program
// gcc stops on the first line of each inlined copy that has code of its own, not always the head.
// CHECK: hit Breakpoint 1{{(\.[0-9]+)?}}, {{.*}}count_up {{.*}} at {{.*}}gdb_optimized.c:{{1[1-7]}}
// CHECK: #0 {{.*}}count_up {{.*}} at {{.*}}gdb_optimized.c:{{1[1-7]}}
// CHECK: hit Breakpoint 1{{(\.[0-9]+)?}}, {{.*}}count_up {{.*}} at {{.*}}gdb_optimized.c:{{1[1-7]}}

// HINT: Function "count_up" not defined.
// HINT-NEXT: asyncc: count_up is an async function whose body this optimized build inlines (as ac__run_count_up): `asyncc break count_up` breaks there
// HINT: Function "nothing_here" not defined.
// HINT-NOT: asyncc:
