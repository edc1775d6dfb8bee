/* aligned_remote.h: an async function with an over-aligned result, defined in another file
 * (Inputs/aligned_remote.c), for run/over_aligned.c: its frame comes from the task's arena. */
#include <asyncc.h>
#include <stdint.h>

struct wide64 {
    _Alignas(64) double v;
    int tag;
};

async struct wide64 remote_wide(int n, unsigned *bad);
