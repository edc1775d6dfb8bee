// A spawn whose argument jumps out of it, from a statement expression: C never
// makes that call, and the task asyncc had already made for it was leaked (96 bytes a spawn,
// the frame's size for a large one). The task's variable now frees a task never handed over
// (ac_block_on's too, written by the same code):
// 200 spawns of a 128 KiB frame left behind nothing (it was 25 MiB of malloc's heap), by goto,
// break, continue and return.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <malloc.h>
#include <stdio.h>

static int ran;

static async int big(int v)
{
    char buf[128 * 1024]; /* lives across the await: the frame comes from malloc */
    buf[v % sizeof buf] = (char)v;
    await(ac_yield());
    ran++;
    return buf[v % sizeof buf];
}

static async int returns_early(int v)
{
    ac_task *t = ac_spawn(big(({ if (v) return -1; v; })));
    int r = 0;
    await(ac_task_join(t, &r));
    return r;
}

static size_t heap_in_use(void)
{
    struct mallinfo2 m = mallinfo2();
    return m.uordblks + m.hblkhd; /* large blocks are mapped on their own */
}

async int main(void)
{
    int joined = 0;
    size_t before = heap_in_use();
    for (int i = 0; i < 200; i++) {
        ac_task *t = NULL; /* stays NULL when the spawn's argument jumps away */
        switch (i % 4) {
        case 0:
            t = ac_spawn(big(({ if (i >= 0) goto next; i; })));
            break;
        case 1:
            t = ac_spawn(big(({ if (i >= 0) continue; i; })));
            break;
        case 2:
            t = ac_spawn(big(i + ({ if (i >= 0) break; 0; })));
            break;
        default:
            joined += await(returns_early(i)) == -1;
            continue;
        }
        if (t) {
            int r = 0;
            await(ac_task_join(t, &r));
        }
    next:;
    }
    size_t grown = heap_in_use() - before;
    // CHECK: ran 0, returned early 50, heap grew by less than 1 MiB: 1
    printf("ran %d, returned early %d, heap grew by less than 1 MiB: %d\n", ran, joined, grown < (1u << 20));
    // A spawn whose argument does not jump still runs.
    ac_task *t = ac_spawn(big(({ int k = 3; k; })));
    int r = 0;
    await(ac_task_join(t, &r));
    // CHECK-NEXT: ran 1 3
    printf("ran %d %d\n", ran, r);
    return 0;
}
