/* remote.c: the other translation unit of run/cross_file.c. */
#include <stdio.h>
#include "remote.h"

async int remote_double(int x)
{
    await(ac_yield());
    return 2 * x;
}

async struct pair remote_pair(int base)
{
    struct pair p = {base, base + await(remote_double(base))};
    return p;
}

async void remote_log(const char *msg)
{
    await(ac_sleep_ms(1));
    printf("log: %s\n", msg);
}
