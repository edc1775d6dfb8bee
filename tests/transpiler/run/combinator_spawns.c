// Spawned tasks' handles in C contexts: joined as a direct argument of ac_task_join, chosen by
// ?:, the value of a statement expression and of a comma, in an array's and a struct's
// initializer, joined together under ac_join. (asyncc called the statement expression's handle
// dropped, -Wasync-dropped-task: diag/lint_dropped.)
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

async static int val(int x)
{
    await(ac_yield());
    return x;
}

async static int spawns(int c)
{
    int v = 0, s = 0;
    await(ac_task_join(ac_spawn(val(1)), &v));
    s += v;
    ac_task *t = c ? ac_spawn(val(2)) : ac_spawn(val(3));
    await(ac_task_join(t, &v));
    s += v * 10;
    t = ({
        int k = 4;
        ac_spawn(val(k));
    });
    await(ac_task_join(t, &v));
    s += v * 100;
    t = (s++, ac_spawn(val(5)));
    await(ac_task_join(t, &v));
    s += v * 1000;
    ac_task *ts[2] = {ac_spawn(val(6)), ac_spawn_local(val(7))};
    int w;
    await(ac_join(ac_task_join(ts[1], &w), ac_task_join(ts[0], &v)));
    s += v * 10000 + w * 100000;
    struct {
        ac_task *t;
        int x;
    } st = {.x = 1, .t = ac_spawn(val(8))};
    await(ac_task_join(st.t, &v));
    s += v * 1000000;
    return s;
}

async int main(void)
{
    // CHECK: 8765422
    printf("%d\n", await(spawns(1)));
    return 0;
}
