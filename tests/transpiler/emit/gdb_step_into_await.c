// gdb's `step` at an await goes into the awaited async function, as `step` at a call goes into
// the callee: from `await(sum_slowly(2))` to sum_slowly's head line, then its first statement.
// sum_slowly is defined in another file, so its frame comes from the task's arena: `step` went
// into the runtime's arena.c (ac_frame_alloc_type, ac_frame_alloc) and the generated function
// that fills the new frame before the body. The gdb extension has `step` step over them (a
// `skip` entry, added once however many times the extension loads).
// REQUIRES: gdb
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: %asyncc --generated-lines=source -I%S/Inputs %s -o %t.dir/main.c
// RUN: %asyncc --generated-lines=source -I%S/Inputs %S/Inputs/gdb_break_other_worker.c -o %t.dir/worker.c
// RUN: %cc -g -O0 -I%S/Inputs %t.dir/main.c %t.dir/worker.c %libs -o %t.dir/prog
// RUN: gdb -batch -nx -iex "add-auto-load-safe-path %t.dir" -ex "break gdb_step_into_await.c:20" -ex run -ex step -ex step -ex step -ex "bt 1" -ex "source %S/../../../tools/gdb/asyncc-gdb.py" -ex "info skip" %t.dir/prog 2>&1 | %FileCheck %s --implicit-check-not=arena.c
#include <asyncc.h>
#include <stdio.h>

#include "gdb_break_other_file.h"

async int main(void)
{
    int v = await(sum_slowly(2));
    printf("sum %d\n", v);
    return 0;
}
async int count_down(int n)
{
    return n;
}
// CHECK: hit Breakpoint 1, {{.*}} at {{.*}}gdb_step_into_await.c:20
// CHECK: ac__poll_sum_slowly {{.*}} at {{.*}}gdb_break_other_worker.c:7
// CHECK-NEXT: 7 async int sum_slowly(int n)
// CHECK-NEXT: ac__run_sum_slowly {{.*}} at {{.*}}gdb_break_other_worker.c:7
// CHECK-NEXT: 7 async int sum_slowly(int n)
// CHECK-NEXT: 9 int sum = 0;
// CHECK-NEXT: #0 {{.*}} at {{.*}}gdb_break_other_worker.c:9
// CHECK: 1 {{.*}} ^(ac_frame_alloc|
// CHECK-NOT: ^(ac_frame_alloc|
