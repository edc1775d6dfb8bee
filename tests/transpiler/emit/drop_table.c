// Cancelling a frame drops the children pending in its state, as the table ac__kids_f lists them
// (the runtime's ac__drop_kids: no generated child or branches function, no switch over every
// state in the drop), then runs the cleanups of its live locals: a join's unfinished children of
// each kind (embedded in the frame, in the task arena, a runtime future in place), not the one
// that finished, each child's own cleanups first, innermost first.
// RUN: %asyncc %s -o %t.c
// RUN: %FileCheck --check-prefix=GEN %s < %t.c
// RUN: %cc %t.c %libs -o %t
// RUN: %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

static void said(const char **what)
{
    printf("cleanup %s\n", *what);
}

async int embedded(int ms)
{
    const char *me __attribute__((cleanup(said))) = "embedded";
    await(ac_sleep_ms((unsigned long)ms));
    return 1;
}

/* Recursive: the frame of the await of itself is in the task arena. */
async int in_arena(int n)
{
    const char *me __attribute__((cleanup(said))) = n ? "in_arena outer" : "in_arena inner";
    if (n > 0)
        return await(in_arena(n - 1));
    await(ac_sleep_ms(100000));
    return 2;
}

async int quick(void)
{
    const char *me __attribute__((cleanup(said))) = "quick";
    return 3;
}

async int parent(void)
{
    const char *me __attribute__((cleanup(said))) = "parent";
    await(ac_yield());
    await(ac_join(embedded(100000), in_arena(1), ac_sleep_ms(100000), quick()));
    return 0;
}

async int main(void)
{
    ac_task *t = ac_spawn(parent());
    await(ac_sleep_ms(50));
    printf("cancel\n");
    ac_task_cancel(t);
    printf("joined %d\n", await(ac_task_join(t, NULL)));
    return 0;
}
// (the patterns do not match themselves: the output keeps these comments)
// GEN-NOT: ac__{{child|branches}}_
// GEN: static void ac__drop_parent(void *ac__p, ac_cx *ac__cx){{ }}{ struct ac__frame_parent *ac__fr = (struct ac__frame_parent *)ac__p; ac__drop_kids(ac__p, ac__cx, ac__kids_parent); switch (ac__fr->ac__state) { case 1: (void)said(&ac__fr->me); break; case 2: (void)said(&ac__fr->me); break; default: break; } }
// GEN: ac__poll_parent, ac__drop_parent,{{ }}0, ac__sites_parent, 2, 0, ac__kids_parent}; AC__GEN_END

// CHECK: cleanup quick
// CHECK-NEXT: cancel
// CHECK-NEXT: cleanup embedded
// CHECK-NEXT: cleanup in_arena inner
// CHECK-NEXT: cleanup in_arena outer
// CHECK-NEXT: cleanup parent
// CHECK-NEXT: joined -125
