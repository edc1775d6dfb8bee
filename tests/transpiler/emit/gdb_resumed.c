// gdb stopped in an async function after an await prints the last value of every local in
// scope, as in plain C at -O0, also of those the function does not need after that await: one in
// the frame for an earlier await only (x), ones never read after an await and so not in the frame
// at all (before, seen, a struct q), a parameter. Two tasks run `work` on one worker, one after
// the other at each await, so the stack slots the first one resumes with hold the second one's
// values: unoptimized (-O0), the generated code copies these locals to the frame when it suspends
// and back when it resumes (AC__DEBUG_KEEP). Optimized (-Og, -O2), gdb says <optimized out> for
// them, as for plain C, and there are no copies. The gdb extension shows the other task's locals
// from the copies too (its x field holds what the first await stored); optimized, it says
// <optimized out> for the fields the await left as they were (ac__stale_<state>_<field>, members
// of size zero: the -O2 code and data are the same without them; both compiled from stdin, so that
// a sanitizer's strings name the same file).
// REQUIRES: gdb
// RUN: %asyncc %s -o %t.c
// RUN: %cc -g -O0 %t.c %libs -o %t
// RUN: %t | %FileCheck --check-prefix=OUT %s
// RUN: env ASYNCC_WORKERS=1 gdb -batch -nx -ex "break gdb_resumed.c:61 if y == 5033" -ex run -ex "print n" -ex "print x" -ex "print seen" -ex "print before" -ex "print q" -ex "print a" %t 2>&1 | %FileCheck %s
// RUN: env ASYNCC_WORKERS=1 gdb -batch -nx -iex "add-auto-load-safe-path %t" -ex "break gdb_resumed.c:61 if y == 5033" -ex run -ex "asyncc task 1" %t 2>&1 | %FileCheck --check-prefix=EXT %s
// RUN: %cc -g -O2 %t.c %libs -o %t.opt
// RUN: env ASYNCC_WORKERS=1 gdb -batch -nx -ex "break gdb_resumed.c:61 if y == 5033" -ex run -ex "print x" -ex "print before" -ex "print y" %t.opt 2>&1 | %FileCheck --check-prefix=OPT %s
// RUN: env ASYNCC_WORKERS=1 gdb -batch -nx -iex "add-auto-load-safe-path %t.opt" -ex "break gdb_resumed.c:61 if y == 5033" -ex run -ex "asyncc task 1" %t.opt 2>&1 | %FileCheck --check-prefix=EXTOPT %s
// RUN: %cc -g -Og %t.c %libs -o %t.og
// RUN: env ASYNCC_WORKERS=1 gdb -batch -nx -ex "break gdb_resumed.c:61 if y == 5033" -ex run -ex "print x" -ex "print before" -ex "print y" %t.og 2>&1 | %FileCheck --check-prefix=OPT %s
// RUN: %FileCheck --check-prefix=GEN %s < %t.c
// A function with hundreds of locals and awaits gets no copies (they would grow as the product).
// RUN: %asyncc %S/../adversarial/long_function.c -o %t.long.c
// RUN: %FileCheck --check-prefix=LONG %s < %t.long.c
// RUN: %cc -g -O2 -c -x c - -o %t.o < %t.c
// RUN: sed -e 's/__extension__ char ac__stale_[0-9A-Za-z_]*\[0\];//g' %t.c > %t.plain.c
// RUN: %cc -g -O2 -c -x c - -o %t.plain.o < %t.plain.c
// RUN: objcopy -O binary --only-section=.text %t.o %t.text
// RUN: objcopy -O binary --only-section=.text %t.plain.o %t.plain.text
// RUN: cmp %t.text %t.plain.text
// RUN: size %t.o | tail -1 | cut -f1-3 > %t.size
// RUN: size %t.plain.o | tail -1 | cut -f1-3 | diff %t.size -
#include <asyncc.h>
#include <stdio.h>

struct pair { int a, b; };

async int tick(int v)
{
    await(ac_yield());
    return v + 1;
}

async int work(int n)
{
    int x = n * 3;
    struct pair q = {n, -n};
    long seen;
    seen = n * 1000L;
    int a = n;
    int before = n + 1;
    printf("n=%d before=%d q.b=%d\n", n, before, q.b);
    int y = await(tick(n));
    a += y + x + (int)seen;
    x = a + 100;
    printf("n=%d a=%d x=%d\n", n, a, x);
    y += await(tick(a));
    printf("n=%d y=%d\n", n, y);
    return y;
}

async int main(void)
{
    int r = 0;
    await(ac_join(r = work(5), work(7)));
    return r == 5033 ? 0 : 1;
}
// OUT: n=5 before=6 q.b=-5
// OUT: n=7 before=8 q.b=-7
// OUT: n=5 a=5026 x=5126
// OUT: n=7 a=7036 x=7136
// OUT: n=5 y=5033
// OUT: n=7 y=7045

// CHECK: hit Breakpoint 1, {{.*}} at {{.*}}gdb_resumed.c:61
// CHECK-NEXT: 61 printf("n=%d y=%d\n", n, y);
// CHECK-NEXT: $1 = 5
// CHECK-NEXT: $2 = 5126
// CHECK-NEXT: $3 = 5000
// CHECK-NEXT: $4 = 6
// CHECK-NEXT: $5 = {a = 5, b = -5}
// CHECK-NEXT: $6 = 5026

// EXT: branch 2 of 2:
// EXT-NEXT: #{{[0-9]+}} work {{.*}}gdb_resumed.c:60 (awaiting tick)
// EXT-NEXT: n = 7
// EXT-NEXT: x = 7136
// EXT-NEXT: seen = 7000
// EXT-NEXT: a = 7036
// EXT-NEXT: y = 8

// EXTOPT: branch 2 of 2:
// EXTOPT-NEXT: #{{[0-9]+}} work {{.*}}gdb_resumed.c:60 (awaiting tick)
// EXTOPT-NEXT: n = 7
// EXTOPT-NEXT: x = <optimized out>
// EXTOPT-NEXT: seen = <optimized out>
// EXTOPT-NEXT: a = 7036
// EXTOPT-NEXT: y = 8

// OPT: hit Breakpoint 1, {{.*}} at {{.*}}gdb_resumed.c:61
// OPT: $1 = <optimized out>
// OPT-NEXT: $2 = <optimized out>
// OPT-NEXT: $3 = 5033

// The copies are bytes in a frame member of their own, under a macro that is empty when
// optimizing; the real frame fields (x, seen, a, y: read after an await) are as before.
// GEN: struct ac__frame_work {
// GEN: AC__DEBUG_KEEP(struct { unsigned char n[4]; unsigned char x[4]; unsigned char ac__v{{[0-9]+}}_q[8]; unsigned char seen[8]; unsigned char a[4]; unsigned char ac__v{{[0-9]+}}_before[4]; unsigned char y[4]; } ac__dbg;)
// GEN-SAME: __extension__ char ac__stale_2_x[0]; __extension__ char ac__stale_2_seen[0];
// GEN: ac__resume_2: {{.*}} AC__DEBUG_KEEP(AC__DEBUG_LOAD(x, ac__fr->ac__dbg.x); AC__DEBUG_LOAD(q, ac__fr->ac__dbg.ac__v{{[0-9]+}}_q); AC__DEBUG_LOAD(seen, ac__fr->ac__dbg.seen); AC__DEBUG_LOAD(before, ac__fr->ac__dbg.ac__v{{[0-9]+}}_before)); }

// long_function.c (600 locals, 600 awaits) is past the budget of debug copies: its first locals,
// in scope at the most awaits, have none (emit/gdb_many_locals).
// LONG: struct ac__frame_main {
// LONG-NOT: AC__DEBUG_SAVE(ac__fr->ac__dbg.ac__v{{[0-9]+}}_v1, v1)
