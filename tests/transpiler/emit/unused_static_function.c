// -Wunused-function of a static async function that nothing names comes back from the output at
// the function's name (lower_witness.c): its generated functions and future type name one
// another, so the compiler never saw it unused (jq 1.6 made async lost two). A function that is
// awaited, spawned, inline, or marked unused or used gives none, as in the source (one whose
// name the text has elsewhere too, a prototype or a member, gives none either: guide, Limits). The same CHECK lines hold for the source compiled as plain C and for the output.
// RUN: %asyncc %s -o %t.c
// RUN: %cc -Wno-error -c %t.c -o %t.o 2>&1 | %FileCheck %s --check-prefix=GCC --implicit-check-not=warning:
// RUN: %cc -Wno-error -c %s -o %t.plain.o 2>&1 | %FileCheck %s --check-prefix=GCC --implicit-check-not=warning:
// RUN: %clang -std=gnu11 -Wall -Wextra -I%S/../../../include -c %t.c -o %t.o 2>&1 | %FileCheck %s --check-prefix=CLANG --implicit-check-not=warning:
// RUN: %clang -std=gnu11 -Wall -Wextra -I%S/../../../include -c %s -o %t.plain.o 2>&1 | %FileCheck %s --check-prefix=CLANG --implicit-check-not=warning:
// RUN: %cc -Wno-unused-function -c %t.c -o %t.o 2>&1 | %FileCheck %s --allow-empty --check-prefix=NONE
// NONE-NOT: warning
#include <asyncc.h>
#include <stddef.h>

static async int suspends_unused(int x)
// GCC-DAG: unused_static_function.c:[[@LINE-1]]:18: warning: {{.}}suspends_unused{{.}} defined but not used [-Wunused-function]
// CLANG-DAG: unused_static_function.c:[[@LINE-2]]:18: warning: unused function 'suspends_unused' [-Wunused-function]
{
    await(ac_yield());
    return x;
}

static async
    int never_suspends_unused(int *p)
// GCC-DAG: unused_static_function.c:[[@LINE-1]]:9: warning: {{.}}never_suspends_unused{{.}} defined but not used [-Wunused-function]
// CLANG-DAG: unused_static_function.c:[[@LINE-2]]:9: warning: unused function 'never_suspends_unused' [-Wunused-function]
{
    return *p;
}

static async int awaited(int x)
{
    return x + 1;
}

static async void spawned(void)
{
    await(ac_yield());
}

static inline async int inline_unused(int x)
{
    return x;
}

__attribute__((unused)) static async int marked_unused(int x)
{
    return x;
}

__attribute__((used)) static async int marked_used(int x)
{
    return x;
}

async int main(void)
{
    ac_task *t = ac_spawn(spawned());
    await(ac_task_join(t, NULL));
    return await(awaited(-1));
}
