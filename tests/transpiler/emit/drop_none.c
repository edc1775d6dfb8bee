// An async function without cleanups has no drop function (gcc -O2 pays for every function it
// emits): its type's drop is 0, and the runtime drops such a frame from its table ac__kids_f
// (ac__drop), as a task's root, as a child in the task arena (a recursive await) and as the
// loser of a select; a caller that embeds the frame drops it through an inline ac__drop_f. The
// cleanups of the children still run, innermost first, once.
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

/* Set when the long with_cleanup is about to wait: main cancels then (it waited 100 ms before,
 * which a TSan build at load 20 did not always cover). */
static _Atomic int waiting;

async int with_cleanup(int ms)
{
    const char *me __attribute__((cleanup(said))) = ms < 1000 ? "with_cleanup quick" : "with_cleanup";
    if (ms >= 1000)
        waiting = 1;
    await(ac_sleep_ms((unsigned long)ms));
    return 2;
}

/* Recursive: the frame of the await of itself is in the task arena. */
async int leafy(int n)
{
    if (n > 0)
        return await(leafy(n - 1));
    return await(with_cleanup(100000));
}

async int no_cleanups(void)
{
    int r = await(ac_select(ac_sleep_ms(10), ac_sleep_ms(100000)));
    printf("selected %d\n", r);
    r = await(ac_select(ac_sleep_ms(100000), with_cleanup(10)));
    printf("selected %d\n", r);
    await(leafy(2));
    return 0;
}

async int main(void)
{
    ac_task *t = ac_spawn(no_cleanups());
    while (!waiting)
        await(ac_sleep_ms(1));
    printf("cancel\n");
    ac_task_cancel(t);
    printf("joined %d\n", await(ac_task_join(t, NULL)));
    return 0;
}
// (the patterns do not match themselves: the output keeps these comments)
// GEN: static void ac__drop_with_cleanup(void *ac__p, ac_cx *ac__cx)
// GEN: ac__poll_with_cleanup, ac__drop_with_cleanup,{{ }}0, ac__sites_with_cleanup,
// GEN: AC__GEN_BEGIN static __inline__ void ac__drop_leafy(void *ac__p, ac_cx *ac__cx){{ }}{ ac__drop_kids(ac__p, ac__cx, ac__kids_leafy); } AC__GEN_END
// GEN: ac__poll_leafy,{{ }}0,{{ }}0, ac__sites_leafy,
// GEN: ac__drop(&ac__type_ac_sleep_ms, ac__fr->ac__c1_1, ac__cx);
// GEN: ac__poll_no_cleanups,{{ }}0,{{ }}0, ac__sites_no_cleanups,
// An async main's init and type are the file's own (its generated C main is their only user):
// GEN: AC__GEN_BEGIN static void ac__init_main(void *ac__p)
// GEN: AC__GEN_BEGIN static const ac_future_type ac__type_main =

// CHECK: selected 0
// CHECK-NEXT: cleanup with_cleanup quick
// CHECK-NEXT: selected 1
// CHECK-NEXT: cancel
// CHECK-NEXT: cleanup with_cleanup
// CHECK-NEXT: joined -125
