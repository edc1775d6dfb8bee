// Locals of one block whose uses do not overlap share frame bytes (sharing.c): first's last use
// is before second's declaration. In gdb, `print first` past that use shows first's last value at
// -O0, as in plain C, never second's bytes: unoptimized, the share is a struct (future.h:
// AC__SHARED), a union only when optimizing. The gdb extension lists both; optimized, at the
// second await it says <optimized out> for first, whose bytes are second's there (the zero-size
// member ac__dead_<state>_<field>), and shows second. A frame whose size a header promises keeps
// the union at every level (its size may not change), and the extension says <optimized out>
// there at -O0 too: in `asyncc task` at an await, and for `print early` past early's last use
// (the last line of its use span, member ac__span_<line>_<field>), never late's bytes. Its C
// locals get their -O0 debug copies as in any frame, in bytes the runtime keeps beside it
// (ac__debug_copies; struct ac__dbg_promised): `print q` after the await shows this task's q,
// not what the other task left in that stack slot; `asyncc task` reads them there too. The
// markers cost nothing: the -O2 code and data are the same without them.
// (`frame function`, a subcommand, selects work's frame: the names follow it as after `up`.)
// REQUIRES: gdb
// RUN: %asyncc %s -o %t.c
// RUN: %FileCheck --check-prefix=GEN %s < %t.c
// RUN: %cc -g -O0 %t.c %libs -o %t
// RUN: %t | %FileCheck --check-prefix=OUT %s
// RUN: env ASYNCC_WORKERS=1 gdb -batch -nx -iex "add-auto-load-safe-path %t" -ex "break gdb_shared.c:49" -ex run -ex "frame function ac__run_work" -ex "print first" -ex "print second" -ex "print kept" -ex "asyncc task 1" %t 2>&1 | %FileCheck %s
// RUN: env ASYNCC_WORKERS=1 gdb -batch -nx -iex "add-auto-load-safe-path %t" -ex "break gdb_shared.c:49" -ex run -ex "print q" -ex "print n" -ex "print early" -ex "print late" -ex "info locals" %t 2>&1 | %FileCheck --check-prefix=PROM %s
// RUN: %cc -g -O2 %t.c %libs -o %t.opt
// RUN: %t.opt | %FileCheck --check-prefix=OUT %s
// RUN: env ASYNCC_WORKERS=1 gdb -batch -nx -iex "add-auto-load-safe-path %t.opt" -ex "break gdb_shared.c:49" -ex run -ex "asyncc task 1" %t.opt 2>&1 | %FileCheck --check-prefix=OPT %s
// RUN: %cc -g -O2 -c -x c - -o %t.o2 < %t.c
// RUN: sed -e 's/__extension__ char ac__\(dead\|shared\|span\)_[0-9A-Za-z_]*\[0\];//g' %t.c > %t.plain.c
// RUN: %cc -g -O2 -c -x c - -o %t.plain.o2 < %t.plain.c
// RUN: objcopy -O binary --only-section=.text %t.o2 %t.text
// RUN: objcopy -O binary --only-section=.text %t.plain.o2 %t.plain.text
// RUN: cmp %t.text %t.plain.text
// RUN: size %t.o2 | tail -1 | cut -f1-3 > %t.size
// RUN: size %t.plain.o2 | tail -1 | cut -f1-3 | diff %t.size -
#include <asyncc.h>
#include <stdio.h>
#include <string.h>

enum { ac__frame_size_promised = 256 };

async int promised(int n)
{
    char early[16];
    memset(early, 'e', sizeof early);
    int q = n * 7; early[1] = (char)q; /* a C local not read after the awaits */
    await(ac_yield());
    int r = early[0] + n;
    char late[16];
    memset(late, 'l', sizeof late);
    await(ac_yield());
    return r + late[0];
}

async int work(int n)
{
    int kept = n;
    {
        char first[24];
        memset(first, 'f', sizeof first);
        first[0] = (char)('0' + n);
        await(ac_yield());
        kept += first[0];
        char second[24];
        memset(second, 's', sizeof second);
        second[0] = (char)('0' + n);
        await(ac_yield());
        kept += second[1] + await(promised(n));
    }
    printf("n=%d kept=%d\n", n, kept);
    return kept;
}

async int main(void)
{
    await(ac_join(work(1), work(2)));
    return 0;
}
// OUT: n=1 kept=375
// OUT: n=2 kept=378

// (the frame struct is one line: lower_emit.c, one_line_each)
// GEN: struct ac__frame_promised {
// GEN-SAME: ; __extension__ union { __extension__ char ac__shared_early[0];
// GEN-SAME: __extension__ char ac__span_45_early[0];
// GEN-SAME: AC__DEBUG_KEEP(struct ac__dbg_promised { unsigned char n[4]; unsigned char ac__v{{[0-9]+}}_q[4]; unsigned char r[4]; };)
// GEN: ac__debug_copies(ac__fr, sizeof *ac__dbg)
// GEN: AC__DEBUG_EXPR(ac__debug_copies_free(ac__fr))
// GEN: AC__DEBUG_KEEP(ac__debug_copies_free(ac__p);)
// GEN: struct ac__frame_work {
// GEN-SAME: __extension__ AC__SHARED { __extension__ char ac__shared_first[0];
// GEN-SAME: first;
// GEN-SAME: second;
// GEN-SAME: __extension__ char ac__span_60_first[0]; __extension__ char ac__dead_2_first[0]; __extension__ char ac__dead_3_first[0]; __extension__ char ac__span_65_second[0]; __extension__ char ac__dead_1_second[0];

// Stopped in the first task's promised(), past first's last use in work():
// CHECK: hit Breakpoint 1, {{.*}}promised {{.*}} at {{.*}}gdb_shared.c:49
// CHECK: kept += second[1] + await(promised(n));
// CHECK-NEXT: $1 = "1", 'f' <repeats 23 times>
// CHECK-NEXT: $2 = "1", 's' <repeats 23 times>
// CHECK-NEXT: $3 = 50
// The second task waits in promised(): work's locals keep their own bytes; promised's share a
// union at every level.
// CHECK: branch 2 of 2:
// CHECK-NEXT: #{{[0-9]+}} work {{.*}}gdb_shared.c:65 (awaiting promised)
// CHECK-NEXT: n = 2
// CHECK-NEXT: kept = 52
// CHECK-NEXT: first = "2", 'f' <repeats 23 times>
// CHECK-NEXT: second = "2", 's' <repeats 23 times>
// CHECK-NEXT: #{{[0-9]+}} promised {{.*}}gdb_shared.c:48 (awaiting ac_yield)
// CHECK-NEXT: n = 2
// CHECK-NEXT: early = <optimized out>
// CHECK-NEXT: late = 'l' <repeats 16 times>
// CHECK-NEXT: r = 103

// In the first task's promised() at -O0, after both awaits: q is its own (7, where the second
// task's run left 14 in that stack slot), early's bytes are late's.
// PROM: hit Breakpoint 1, {{.*}}promised {{.*}} at {{.*}}gdb_shared.c:49
// PROM: $1 = 7
// PROM-NEXT: $2 = 1
// PROM-NEXT: early: <optimized out> here: past its last use, its frame bytes may hold another local's value
// PROM-NEXT: $3 = 'l' <repeats 16 times>
// PROM: q = 7
// PROM: early = <optimized out>
// PROM-NEXT: late = 'l' <repeats 16 times>

// Optimized: first's bytes are second's.
// OPT: branch 2 of 2:
// OPT-NEXT: #{{[0-9]+}} work {{.*}}gdb_shared.c:65 (awaiting promised)
// OPT-NEXT: n = 2
// OPT-NEXT: kept = 52
// OPT-NEXT: first = <optimized out>
// OPT-NEXT: second = "2", 's' <repeats 23 times>
// OPT-NEXT: #{{[0-9]+}} promised {{.*}}gdb_shared.c:48 (awaiting ac_yield)
// OPT-NEXT: n = 2
// OPT-NEXT: early = <optimized out>
// OPT-NEXT: late = 'l' <repeats 16 times>
