// gdb's `break f` stops in async function f's body in an optimized build too, each time a poll
// runs it. gcc inlines the body (ac__run_f) into each poll and each caller that embeds f's
// frame, and the debug info would name only ac__run_f: there the body is a nested function named
// f (future.h: AC__NAMED_BODY), called once and inlined, which gdb finds in every inlined copy,
// at -O1 and -O2 (at -O0 ac__run_f has the symbol f: emit/gdb_symbols). It costs no code: here
// the .text is the same bytes as without it (-DAC__NO_NAMED_BODY; so for 24 of the 27 bench and
// sample programs, where gcc inlines the others a little differently). `asyncc break f` (the gdb
// extension) does the same through ac__run_f, and says so for a name that is no async function.
// Where `break f` finds nothing (clang, which has no nested functions; here -DAC__NO_NAMED_BODY),
// typed at gdb's prompt it is followed by a hint to use `asyncc break f`; not for a name that is
// no async function.
// REQUIRES: gdb
// RUN: %asyncc %s -o %t.c
// RUN: %cc -g -O2 %t.c %libs -o %t
// RUN: gdb -batch -nx -ex "break count_up" -ex run -ex "bt 1" -ex continue %t 2>&1 | %FileCheck --check-prefix=PLAIN %s
// RUN: %cc -g -O1 %t.c %libs -o %t.O1
// RUN: gdb -batch -nx -ex "break count_up" -ex run -ex "bt 1" -ex continue %t.O1 2>&1 | %FileCheck --check-prefix=PLAIN %s
// RUN: %cc -g -O2 -c %t.c -o %t.o
// RUN: %cc -g -O2 -c -DAC__NO_NAMED_BODY %t.c -o %t.none.o
// RUN: objcopy -O binary --only-section=.text %t.o %t.text
// RUN: objcopy -O binary --only-section=.text %t.none.o %t.none.text
// RUN: cmp %t.text %t.none.text
// RUN: gdb -batch -nx -iex "add-auto-load-safe-path %t" -ex "asyncc break count_up" -ex "asyncc break nothing_here" -ex run -ex "bt 1" -ex continue %t 2>&1 | %FileCheck %s
// RUN: %cc -g -O2 -DAC__NO_NAMED_BODY %t.c %libs -o %t.none
// RUN: %python %S/../../gdb/interactive.py "(gdb) " "break count_up" "break nothing_here" "quit" -- gdb -q -nx -iex "set style enabled off" -iex "set breakpoint pending off" -iex "add-auto-load-safe-path %t.none" %t.none 2>&1 | %FileCheck --check-prefix=HINT %s
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
// gcc stops on the first line of each inlined copy that has code of its own, not always the head.
// PLAIN: Breakpoint 1 at {{.*}}: count_up. ({{[0-9]+}} locations)
// PLAIN: hit Breakpoint 1.{{[0-9]+}}, {{(0x[0-9a-f]+ in )?}}count_up {{.*}} at {{.*}}gdb_optimized.c:{{29|3[0-7]}}
// PLAIN: #0 {{.*}}count_up {{.*}} at {{.*}}gdb_optimized.c:{{29|3[0-7]}}
// PLAIN: hit Breakpoint 1.{{[0-9]+}}, {{(0x[0-9a-f]+ in )?}}count_up {{.*}} at {{.*}}gdb_optimized.c:{{29|3[0-7]}}

// CHECK: Breakpoint 1 at {{.*}}count_up{{.*}}
// CHECK: no async function nothing_here with debug info in this program
// CHECK: hit Breakpoint 1{{(\.[0-9]+)?}}, {{.*}}count_up {{.*}} at {{.*}}gdb_optimized.c:{{29|3[0-7]}}
// CHECK: #0 {{.*}}count_up {{.*}} at {{.*}}gdb_optimized.c:{{29|3[0-7]}}
// CHECK: hit Breakpoint 1{{(\.[0-9]+)?}}, {{.*}}count_up {{.*}} at {{.*}}gdb_optimized.c:{{29|3[0-7]}}

// HINT: Function "count_up" not defined.
// HINT-NEXT: asyncc: count_up is an async function whose body this optimized build inlines (as ac__run_count_up): `asyncc break count_up` breaks there
// HINT: Function "nothing_here" not defined.
// HINT-NOT: asyncc:
