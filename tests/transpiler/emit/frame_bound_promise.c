// A header may promise callers in other files a bound on a frame (enum { ac__frame_size_f = N }):
// they then keep f's frame in N bytes aligned to 16 inside their own. The file defining f checks
// the promise at compile time: a frame that outgrows it, here by its alignment, would be
// misaligned or overrun in every caller. Its size is the same at every optimization level: the
// -O0 debug copies of its locals are not in it (no member ac__dbg) but in bytes the runtime keeps
// beside it (ac__debug_copies, of type struct ac__dbg_bounded), given back when it finishes or is
// dropped (emit/gdb_shared shows them in gdb).
// RUN: %asyncc %s -o %t.c
// RUN: not %cc -c %t.c -o %t.o 2>&1 | %FileCheck %s
// RUN: %asyncc -DFITS %s -o %t.fits.c
// RUN: %cc -c %t.fits.c -o %t.fits.o
// RUN: %cc -O2 -c %t.fits.c -o %t.fits.o
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
// NODBG: struct ac__frame_bounded {
// NODBG-NOT: ac__dbg;
// NODBG-SAME: }; typedef __typeof__(((struct ac__frame_bounded *)0)->x) __attribute__((__may_alias__)) ac__alias_bounded_x; AC__GEN_END AC__DEBUG_KEEP(struct ac__dbg_bounded { unsigned char n[4]; };)
// NODBG: AC__DEBUG_KEEP({ struct ac__dbg_bounded *ac__dbg = (struct ac__dbg_bounded *)ac__debug_copies(ac__fr, sizeof *ac__dbg); if (ac__dbg) { AC__DEBUG_{{SAVE}}(ac__dbg->n, n); } });
// NODBG: return ({{.*}}AC__DEBUG_EXPR(ac__debug_copies_free(ac__fr)), AC_READY);
// NODBG: static void ac__drop_bounded(
// NODBG: AC__DEBUG_KEEP(ac__debug_copies_free(ac__p);)
