// `asyncc task N` and `asyncc tasks` of the task a breakpoint stopped in (state running): its
// frames in memory say only where each function last suspended, and the child frame there may
// hold another callee's bytes now. Here main suspended in first() at line 30, then awaits
// second() at line 31, stopped in second's first poll at line 22: the chain said main at line
// 30 awaiting first, and first awaiting ac_sleep_ms, both over, nothing of second (with a frame
// of another size, the bytes were read as first's: "first (not started)"). The extension takes
// the chain of a task a stopped thread polls from that thread's stack first: main at line 31,
// second at line 22, each with its values, the gdb thread and frame to select; then the frames
// in memory (where the other branches of a combinator wait), said to be where each last suspended.
// REQUIRES: gdb
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: %asyncc --generated-lines=source %s -o %t.dir/running.c
// RUN: %cc -g -O0 %t.dir/running.c %libs -o %t.dir/prog
// RUN: gdb -batch -nx -iex "add-auto-load-safe-path %t.dir" -ex "break gdb_running_task.c:22" -ex run -ex "asyncc tasks" -ex "asyncc task 1" -ex "frame" %t.dir/prog 2>&1 | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

async int first(int a) { await(ac_sleep_ms(1)); return a; }

async int second(int b)
{
    int doubled = 2 * b;
    await(ac_yield());
    printf("%d\n", doubled);
    return doubled;
}

async int main(void)
{
    int x = await(first(5));
    int y = await(second(20));
    return x + y == 45 ? 0 : 1;
}
// CHECK: hit Breakpoint 1, {{.*}} at {{.*}}gdb_running_task.c:22
// CHECK: 1 task 0x{{[0-9a-f]+}} main: running (thread {{[0-9]+}}) at main {{.*}}gdb_running_task.c:31 <- second {{.*}}gdb_running_task.c:22
// CHECK: task 1 (0x{{[0-9a-f]+}}) main: running
// CHECK-NEXT: (being polled by thread {{[0-9]+}}: its frames of async functions, outermost first)
// CHECK-NEXT: #0 main {{.*}}gdb_running_task.c:31 frame 0x{{[0-9a-f]+}} (gdb: thread {{[0-9]+}}, frame {{[0-9]+}})
// CHECK-NEXT: x = 5
// CHECK-NEXT: y =
// CHECK-NEXT: #1 second {{.*}}gdb_running_task.c:22 frame 0x{{[0-9a-f]+}} (gdb: thread {{[0-9]+}}, frame 0)
// CHECK-NEXT: b = 20
// CHECK-NEXT: doubled =
// CHECK-NEXT: (in memory, where each frame last suspended{{.*}}
// CHECK-NEXT: #0 main {{.*}}gdb_running_task.c:30 (awaiting first)
// the selected frame is kept
// CHECK: #0 {{.*}}ac__run_second
// CHECK-SAME: at {{.*}}gdb_running_task.c:22
