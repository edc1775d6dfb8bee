// A header may promise callers in other files a bound on a frame (enum { ac__frame_size_f = N }):
// they then keep f's frame in N bytes aligned to 16 inside their own. The file defining f checks
// the promise at compile time: a frame that outgrows it, here by its alignment, would be
// misaligned or overrun in every caller. Such a frame has no debug copies of its locals at -O0
// either (ac__dbg): its size is the same at every optimization level.
// RUN: %asyncc %s -o %t.c
// RUN: not %cc -c %t.c -o %t.o 2>&1 | %FileCheck %s
// RUN: %asyncc -DFITS %s -o %t.fits.c
// RUN: %cc -c %t.fits.c -o %t.fits.o
// RUN: %FileCheck --check-prefix=NODBG %s < %t.fits.c
#include <asyncc.h>

enum { ac__frame_size_bounded = 256 };

async int bounded(int n)
{
#ifdef FITS
    _Alignas(16) char x[4] = {1};
#else
    _Alignas(64) char x[4] = {1};
#endif
    await(ac_yield());
    return x[0] + n;
}
// CHECK: error: static assertion failed: "the frame of bounded outgrows the ac__frame_size_bounded its header promises
// NODBG-NOT: {{AC__DEBUG_}}KEEP
