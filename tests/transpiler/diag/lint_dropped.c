// -Wasync-dropped-task: a spawn whose handle is dropped by a statement of its own (which
// detaches the task silently) or kept in a local that nothing reads; a cast to void, a detach,
// a join or an abort use it, and so does a statement expression whose value it is. Off with
// -Wno-async-dropped-task.
// RUN: %asyncc %s -o %t.c 2>&1 | %FileCheck %s --implicit-check-not=warning:
// RUN: %asyncc -Wno-async-dropped-task %s -o %t.c 2>&1 | %FileCheck %s --allow-empty --check-prefix=OFF
// OFF-NOT: warning
#include <asyncc.h>

async int work(int i)
{
    await(ac_yield());
    return i;
}

static ac_task *kept;

async int main(void)
{
    ac_spawn(work(1));
    // CHECK: lint_dropped.c:[[@LINE-1]]:5: warning: the handle that ac_spawn returns is dropped, which detaches the task: nothing joins it, sees its result or can abort it; write (void)ac_spawn(...) if that is meant [-Wasync-dropped-task]
    ac_spawn_local(work(2));
    // CHECK: lint_dropped.c:[[@LINE-1]]:5: warning: the handle that ac_spawn_local returns is dropped{{.*}} [-Wasync-dropped-task]
    ac_task *forgotten = ac_spawn(work(3));
    // CHECK: lint_dropped.c:[[@LINE-1]]:26: warning: the handle of the task spawned into 'forgotten' is never used: the task is never joined, detached or aborted [-Wasync-dropped-task]
    (void)ac_spawn(work(4));
    ac_task_detach(ac_spawn(work(5)));
    ac_task *a = ac_spawn(work(6)), *b;
    b = ac_spawn(work(7));
    ac_task_abort(a);
    int r;
    await(ac_task_join(b, &r));
    kept = ac_spawn(work(8));
    await(ac_task_join(kept, &r));
    // the value of a statement expression is used where the expression's value is (it was
    // called dropped: found by the combinator tests, run/combinator_spawns)
    ac_task *via = ({ int k = 9; ac_spawn(work(k)); });
    await(ac_task_join(via, &r));
    ({ ac_spawn(work(10)); });
    // CHECK: lint_dropped.c:[[@LINE-1]]:8: warning: the handle that ac_spawn returns is dropped{{.*}} [-Wasync-dropped-task]
    return 0;
}
