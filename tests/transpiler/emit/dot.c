// --emit=dot: a Graphviz graph per async function, a node per await state; dot accepts it.
// RUN: %asyncc --emit=dot %s > %t.dot
// RUN: %FileCheck %s < %t.dot
// RUN: %python -c "import shutil,subprocess,sys; d=shutil.which('dot'); sys.exit(subprocess.call([d,'-Tsvg','-o','/dev/null',sys.argv[1]]) if d else 0)" %t.dot
#include <asyncc.h>

async int pump(int n)
{
    int total = 0;
    for (int i = 0; i < n; i++)
        total += i, await(ac_yield());
    await(ac_sleep_ms(1));
    return total;
}
// CHECK: digraph asyncc {
// CHECK: subgraph cluster_pump {
// CHECK: pump_1 [label="state 1\n{{.*}}dot.c:11\nawait ac_yield()"];
// CHECK: pump_2 [label="state 2\n{{.*}}dot.c:12\nawait ac_sleep_ms()"];
// CHECK: pump_start -> pump_1;
// CHECK: pump_1 -> pump_2 [label="resume"];
// CHECK: pump_1 -> pump_1 [label="loop", style=dotted];
// CHECK: pump_2 -> pump_ready [label="resume"];
