// Static async functions that nothing calls, or that same-file awaits reach without their future
// type (an embedded frame, a direct call of a twin): the generated type is not used, and gcc's
// -Wunused-const-variable named it ('ac__type_unused_fn' defined but not used, at a generated
// line: F3). They are marked unused, as the source's own -Wunused-function would stop -Werror
// (emit/unused_static_function.c: the output says it too).
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

__attribute__((unused)) static async int unused_fn(int x)
{
    await(ac_yield());
    return x + 1;
}

__attribute__((unused)) static async int unused_twin(int x)
{
    return x * 2;
}

static async int embedded(int x)
{
    await(ac_yield());
    return x + 10;
}

static async int twin(int x)
{
    return x + 100;
}

static async void spawned(int *out)
{
    await(ac_yield());
    *out = 1000;
}

async int main(void)
{
    int r = 0;
    ac_task *t = ac_spawn(spawned(&r));
    await(ac_task_join(t, NULL));
    // CHECK: 1111
    printf("%d\n", await(embedded(1)) + await(twin(0)) + r);
    return 0;
}
