/* tests/gdb/far.h: far.c's async function, without a bound on its frame (see far.c). */
#ifndef ASYNCC_TESTS_GDB_FAR_H
#define ASYNCC_TESTS_GDB_FAR_H
#include <asyncc.h>

async int far_away(int hops);

#endif
