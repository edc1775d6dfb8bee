// -Wasync-join-type: ac_task_join into a variable whose type is not the spawned function's return
// type (the join itself checks only sizes, when it runs: long and double pass), or into anything
// for a void function; the same type, a typedef of it, or NULL are fine. Off with -Wno-async-join-type.
// RUN: %asyncc %s -o %t.c 2>&1 | %FileCheck %s --implicit-check-not=warning:
// RUN: %asyncc -Wno-async-join-type %s -o %t.c 2>&1 | %FileCheck %s --allow-empty --check-prefix=OFF
// OFF-NOT: warning
#include <asyncc.h>
#include <stddef.h>

typedef long count_t;
struct pair {
    int a, b;
};

async long total(int n)
{
    await(ac_yield());
    return n;
}

async struct pair two(void)
{
    return (struct pair){1, 2};
}

async void nothing(void)
{
}

async int main(void)
{
    int small;
    ac_task *t = ac_spawn(total(3));
    await(ac_task_join(t, &small));
    // CHECK: lint_join_type.c:[[@LINE-1]]:11: warning: joining the task of 'total', which returns 'long', into 'int' (the join checks only sizes, when it runs) [-Wasync-join-type]
    struct pair p;
    long wrong;
    t = ac_spawn(two());
    await(ac_task_join(t, &wrong));
    // CHECK: lint_join_type.c:[[@LINE-1]]:11: warning: joining the task of 'two', which returns 'struct pair', into 'long'{{.*}} [-Wasync-join-type]
    t = ac_spawn(nothing());
    await(ac_task_join(t, &small));
    // CHECK: lint_join_type.c:[[@LINE-1]]:11: warning: 'nothing' returns void, but its join stores a result; pass NULL [-Wasync-join-type]

    count_t right;
    t = ac_spawn(total(4));
    await(ac_task_join(t, &right));
    t = ac_spawn(two());
    await(ac_task_join(t, &p));
    t = ac_spawn(total(5));
    await(ac_task_join(t, NULL));
    t = ac_spawn(nothing());
    await(ac_task_join(t, NULL));
    return (int)right + p.a;
}
