/* tests/gdb/far.c: an async function defined in another file than its caller (tasks.c), whose
 * frame therefore lives in the task's arena behind a pointer in the caller's frame. */
#include <asyncc.h>

#include "far.h"

async int far_away(int hops)
{
    int left = hops - 1;
    await(ac_sleep_ms(600000));
    return left;
}
