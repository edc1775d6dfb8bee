// The gdb extension's `asyncc task` shows the locals of a frame whose size a header promises
// (ac__frame_size_f) at -O0 as those of any frame: where the frame's field holds an older value
// (a was set to 99 after the first await and is not read after the second), it reads a's copy in
// the bytes the runtime keeps beside that frame (runtime/debug_copies.c: ac__debug_copy_table;
// struct ac__dbg_prom), not <optimized out>. Optimized, there are no copies: <optimized out>.
// REQUIRES: gdb
// RUN: %asyncc %s -o %t.c
// RUN: %cc -g -O0 %t.c %libs -o %t
// RUN: gdb -batch -nx -iex "add-auto-load-safe-path %t" -ex "break stop_here" -ex run -ex "asyncc tasks prom" -ex "asyncc task 1" -ex "asyncc task 2" %t 2>&1 | %FileCheck %s
// RUN: %cc -g -O2 %t.c %libs -o %t.opt
// RUN: gdb -batch -nx -iex "add-auto-load-safe-path %t.opt" -ex "break stop_here" -ex run -ex "asyncc tasks prom" -ex "asyncc task 1" -ex "asyncc task 2" %t.opt 2>&1 | %FileCheck --check-prefix=OPT %s
#include <asyncc.h>
#include <stdio.h>

enum { ac__frame_size_prom = 256 };

async int prom(int n)
{
    int a = n * 3;
    await(ac_yield());
    int b = a + 1;
    a = 99;
    await(ac_sleep_ms(500));
    return b;
}

__attribute__((noinline)) void stop_here(void)
{
    __asm__ volatile("");
}

async int main(void)
{
    ac_task *t = ac_spawn(prom(5));
    await(ac_sleep_ms(100));
    stop_here();
    int r;
    await(ac_task_join(t, &r));
    printf("%d\n", r);
    return r == 16 ? 0 : 1;
}
// CHECK: prom: suspended at prom {{.*}}gdb_promised_task.c:23 (awaiting ac_sleep_ms)
// CHECK: #0  prom {{.*}}gdb_promised_task.c:23 (awaiting ac_sleep_ms)
// CHECK-NEXT: n = 5
// CHECK-NEXT: a = 99
// CHECK-NEXT: b = 16

// OPT: #0  prom {{.*}}gdb_promised_task.c:23 (awaiting ac_sleep_ms)
// OPT-NEXT: n = 5
// OPT-NEXT: a = <optimized out>
// OPT-NEXT: b = 16
