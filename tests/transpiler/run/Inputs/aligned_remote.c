/* aligned_remote.c: see aligned_remote.h. */
#include "aligned_remote.h"

async struct wide64 remote_wide(int n, unsigned *bad)
{
    _Alignas(256) char local[5] = "abcd";
    struct wide64 w = {n * 0.5, n};
    await(ac_yield());
    __atomic_fetch_add(bad, (uintptr_t)local % 256 != 0, __ATOMIC_RELAXED);
    __atomic_fetch_add(bad, (uintptr_t)&w % 64 != 0, __ATOMIC_RELAXED);
    await(ac_yield());
    w.tag += local[1];
    return w;
}
