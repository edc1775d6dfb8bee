/* gdb_break_other_worker.c: the other file of emit/gdb_break_other_file.c: an async function
 * declared in a header, defined in a file that main's is not, a loop around its awaits. */
#include <asyncc.h>

#include "gdb_break_other_file.h"

async int sum_slowly(int n)
{
    int sum = 0;
    for (int i = 0; i < n; i++) {
        await(ac_yield());
        sum += i;
        await(ac_sleep_ms(1));
    }
    return sum;
}
