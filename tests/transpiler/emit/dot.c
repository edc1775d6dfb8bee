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

// States are numbered by the plan in evaluation order, without lowering: the await in a `for`
// increment comes after the body's, and an await in ac_timeout's duration before the timeout
// (it runs first).
async int id(int x)
{
    await(ac_yield());
    return x;
}

async int ordered(int n)
{
    int r = 0;
    for (int i = 0; i < n; i = await(id(i + 1)))
        r += await(id(i));
    return r + await(ac_timeout(await(id(50)), id(r)));
}
// CHECK: subgraph cluster_ordered {
// CHECK: ordered_1 [label="state 1\n{{.*}}dot.c:[[@LINE-4]]\nawait id()"];
// CHECK: ordered_2 [label="state 2\n{{.*}}dot.c:[[@LINE-6]]\nawait id()"];
// CHECK: ordered_3 [label="state 3\n{{.*}}dot.c:[[@LINE-5]]\nawait id()"];
// CHECK: ordered_4 [label="state 4\n{{.*}}dot.c:[[@LINE-6]]\nawait ac_timeout()"];
