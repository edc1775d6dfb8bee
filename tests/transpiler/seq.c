/* seq.c: the runtime's async functions as plain synchronous C, for the sequential build of a run
 * test (the differential check): the same program with await as the identity must print the same. */
#include <asyncc.h>
#include <time.h>

void ac_sleep_ms(unsigned long ms)
{
    struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0)
        ;
}

void ac_yield(void)
{
}
