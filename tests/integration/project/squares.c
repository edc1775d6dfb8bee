/* squares.c: an async function awaited from another file. */
#include "squares.h"

async int slow_square(int x)
{
    await(ac_sleep_ms(20));
    return x * x;
}
