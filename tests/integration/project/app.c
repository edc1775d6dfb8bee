/* app.c: spawns SQUARES tasks (config.h) that each await slow_square in squares.c, joins them,
 * and prints their sum with GREETING, a definition that comes from the build system. */
#include <asyncc.h>
#include <stdio.h>

#include "config.h"
#include "squares.h"

async int main(void)
{
    ac_task *tasks[SQUARES];
    int results[SQUARES];
    for (int i = 0; i < SQUARES; i++)
        tasks[i] = ac_spawn(slow_square(i + 1));
    for (int i = 0; i < SQUARES; i++)
        if (await(ac_task_join(tasks[i], &results[i])) != 0)
            return 1;
    printf("%s: %d squares sum to %d\n", GREETING, SQUARES, plain_sum(results, SQUARES));
    return 0;
}
