/* util.c: plain C in the same program; asyncc leaves it as it is. */
#include "squares.h"

int plain_sum(const int *v, int n)
{
    int s = 0;
    for (int i = 0; i < n; i++)
        s += v[i];
    return s;
}
