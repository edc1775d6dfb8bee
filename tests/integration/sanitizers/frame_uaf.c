/* tests/integration/sanitizers/frame_uaf.c: a bug AddressSanitizer must find: main keeps a
 * pointer to a local of a task that has finished (the local lived in the task's frame) and reads
 * it. Linked with the plain runtime, which carves frames from chunks of its own, ASan saw nothing
 * and the program printed "5 5". */
#include <asyncc.h>
#include <stdio.h>

async int keep(int **out)
{
    int x = 5;
    *out = &x;
    await(ac_yield());
    return x;
}

async int main(void)
{
    int *p = NULL, v = 0;
    ac_task *t = ac_spawn(keep(&p));
    await(ac_task_join(t, &v));
    printf("%d %d\n", v, *p);
    return 0;
}
