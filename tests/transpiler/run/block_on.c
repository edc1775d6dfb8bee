// Plain C drives async code with ac_block_on; async code starts tasks with ac_spawn and waits for
// their typed results with ac_task_join (in the sequential build, the handle keeps the result).
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

struct stats {
    long sum;
    int count;
};

async struct stats summarize(int n)
{
    struct stats s = {0, 0};
    for (int i = 1; i <= n; i++) {
        await(ac_yield());
        s.sum += i;
        s.count++;
    }
    return s;
}

async long total_of(int parts)
{
    ac_task *tasks[8];
    for (int i = 0; i < parts; i++)
        tasks[i] = ac_spawn(summarize(10 * (i + 1)));
    long total = 0;
    for (int i = 0; i < parts; i++) {
        struct stats s;
        if (await(ac_task_join(tasks[i], &s)) == 0)
            total += s.sum;
    }
    return total;
}

static long run_plain(int parts)
{
    return ac_block_on(total_of(parts));
}

int main(void)
{
    struct stats s = ac_block_on(summarize(4));
    printf("sum %ld count %d\n", s.sum, s.count);
    printf("total %ld\n", run_plain(3));
    return 0;
}
// CHECK: sum 10 count 4
// CHECK-NEXT: total 730
// CHECK-NEXT: exit: 0
