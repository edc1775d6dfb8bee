// The task dump shows every pending branch of a combinator (a select's two sleeps, the join's one
// unfinished child) and gathers finished tasks that nobody joined yet into one line.
// RUN: %asyncc %s -o %t.c
// RUN: %cc %t.c %libs -o %t
// RUN: %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

async int quick(int x)
{
    return x;
}

async void quick_void(void)
{
}

async int racer(void)
{
    return await(ac_select(ac_sleep_ms(100000), ac_sleep_ms(200000)));
}

async void joiner(void)
{
    await(ac_join(ac_sleep_ms(1), ac_sleep_ms(100000)));
}

async int main(void)
{
    ac_task *done[7];
    for (int i = 0; i < 5; i++)
        done[i] = ac_spawn(quick(i));
    done[5] = ac_spawn(quick_void());
    done[6] = ac_spawn(quick_void());
    ac_task *r = ac_spawn(racer()), *j = ac_spawn(joiner());
    await(ac_sleep_ms(50));
    ac_task_dump(stdout);
    ac_task_abort(r);
    ac_task_abort(j);
    for (int i = 0; i < 7; i++)
        await(ac_task_join(done[i], NULL));
    return 0;
}
// CHECK: asyncc task dump:
// CHECK-DAG: racer: at racer {{.*}}task_dump.c:20 (awaiting ac_select) <- { ac_sleep_ms <runtime>:0 (awaiting {{[^)]*}}) | ac_sleep_ms <runtime>:0 (awaiting {{[^)]*}}) }
// CHECK-DAG: joiner: at joiner {{.*}}task_dump.c:25 (awaiting ac_join) <- { ac_sleep_ms <runtime>:0 (awaiting {{[^)]*}}) }{{$}}
// CHECK-DAG: main: running
// CHECK-DAG: finished, not joined yet: 7 tasks: quick x5, quick_void x2
// CHECK: 10 tasks
