/* a.c: asyncc-cc test input: an async function, a quote include beside it, __FILE__. */
#include <asyncc.h>
#include <stdio.h>
#include "local.h"
async int twice(int x)
{
    await(ac_yield());
    return 2 * x;
}
int b_value(void);
async int main(void)
{
    int v = await(twice(LOCAL / 2)) + b_value();
    printf("%s %d\n", __FILE__, v);
    return 0;
}
