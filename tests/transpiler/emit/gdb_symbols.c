// gdb's `break f` stops in async function f's body at each poll, on f's head line, and a
// function that never suspends (run as a plain C twin) can be broken on the same way. With
// --generated-lines=source (asyncc-cc's way: it deletes the generated file after compiling it)
// the generated wrappers (poll, init, drop) are shown at the async function's own line.
// REQUIRES: gdb
// RUN: %asyncc --generated-lines=source %s -o %t.c
// RUN: %cc -g -O0 %t.c %libs -o %t
// RUN: rm %t.c
// RUN: gdb -batch -nx -ex "break count_up" -ex "break now" -ex run -ex "bt 3" -ex continue -ex continue -ex "bt 1" %t 2>&1 | %FileCheck %s
// RUN: %asyncc %s -o %t2.c
// RUN: %FileCheck --check-prefix=SYM %s < %t2.c
#include <asyncc.h>
#include <stdio.h>

int plain_user(void);

async int now(int x)
{
    return x + 1;
}

async int count_up(int n)
{
    int sum = 0;
    for (int i = 0; i < n; i++) {
        await(ac_yield());
        sum += await(now(i));
    }
    return sum;
}

// A plain function that names an async function (a link error if it called it) keeps the name
// off the generated body, which such a call must not reach.
async int named(void) { await(ac_yield()); return 1; }
int plain_user(void)
{
    int named(void);
    return sizeof named();
}

async int main(void)
{
    int total = await(count_up(2));
    printf("total %d\n", total + await(named()));
    return 0;
}
// CHECK: Breakpoint 1 at {{.*}}: file {{.*}}gdb_symbols.c, line 22.
// CHECK: Breakpoint 2 at {{.*}}: file {{.*}}gdb_symbols.c, line 19.
// CHECK: hit Breakpoint 1, {{.*}}ac__from=0{{.*}} at {{.*}}gdb_symbols.c:22
// CHECK: 22 async int count_up(int n)
// CHECK-NEXT: #0 {{.*}} at {{.*}}gdb_symbols.c:22
// CHECK-NEXT: #1 {{.*}} ac__run_main {{.*}} at {{.*}}gdb_symbols.c:43
// CHECK-NEXT: #2 {{.*}} ac__poll_main {{.*}} at {{.*}}gdb_symbols.c:41
// CHECK: hit Breakpoint 1, {{.*}}ac__from=1{{.*}} at {{.*}}gdb_symbols.c:22
// (In the sanitizer builds `now` has two locations: gdb says Breakpoint 2.1.)
// CHECK: hit Breakpoint 2{{(\.[0-9]+)?}}, {{.*}} at {{.*}}gdb_symbols.c:19
// CHECK: #0 {{.*}} at {{.*}}gdb_symbols.c:19
// CHECK-NOT: No such file
// SYM: ac__now_now({{.*}}) __asm__("now");
// SYM: ac__run_count_up({{.*}}) __asm__("count_up");
// SYM-NOT: __asm__("name{{d}}")
