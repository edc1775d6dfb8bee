/* bench/c/task_header.c: prints the runtime's task header size (where a task's root frame
 * starts), from runtime/task.h, for the sleep workload's "header + frame".
 * build: cc -Iinclude -Iruntime bench/c/task_header.c */
#include <stdio.h>

#include "task.h"

static const ac_future_type small = {.name = "small", .frame_size = 8, .frame_align = 8};

int main(void)
{
    printf("RESULT sizeof_task=%zu frame_offset=%zu\n", sizeof(ac_task), ac__frame_offset(&small));
    return 0;
}
