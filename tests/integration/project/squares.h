/* squares.h: the async function squares.c defines, awaited from app.c (another file). */
#include <asyncc.h>
async int slow_square(int x);
int plain_sum(const int *v, int n);
