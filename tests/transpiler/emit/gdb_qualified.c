// At -O0, gdb stopped after an await prints the last value of register, volatile and _Atomic
// locals that the function does not read after it, as it does for the others (gdb_resumed.c):
// two tasks run `work` on one worker one after the other, so the stack slots the first one
// resumes with hold the second one's values; the suspension copies these locals to the frame's
// ac__dbg through a temporary of their unqualified type (future.h: AC__DEBUG_STORE, no address
// of a register local, no non-volatile access of a volatile one) and the resumption copies them
// back. A const local is written back through its address (AC__DEBUG_RESTORE: its
// initialization was jumped over, and assignment is not allowed), as bytes seen through an
// integer so that no cast drops its const (-Wcast-qual). A register array has neither an
// address nor assignment: no copy. The output compiles warning-free with gcc and clang,
// -pedantic and -Wcast-qual too.
// REQUIRES: gdb
// RUN: %asyncc %s -o %t.c
// RUN: %cc -g -O0 -pedantic -Wcast-qual %t.c %libs -o %t
// RUN: %clang -std=gnu11 -Wall -Wextra -Werror -pedantic -Wcast-qual -fsyntax-only -I%S/../../../include %t.c
// RUN: %t | %FileCheck --check-prefix=OUT %s
// RUN: env ASYNCC_WORKERS=1 gdb -batch -nx -ex "break gdb_qualified.c:42 if y == 6" -ex run -ex "print r" -ex "print v" -ex "print a" -ex "print vs" -ex "print al" -ex "print p" -ex "print k" %t 2>&1 | %FileCheck %s
// RUN: %FileCheck --check-prefix=GEN %s < %t.c
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
    register int r = n * 3;
    volatile int v = n + 100;
    _Atomic int a = n * 10;
    volatile struct pair vs = {n, -n};
    _Atomic long al = n * 1000L;
    const int k = n + 7;
    register int ra[2] = {n, n};
    struct pair p = {n, n + 1};
    printf("n=%d r=%d v=%d a=%d vs.b=%d al=%ld k=%d ra=%d p.b=%d\n", n, r, v, (int)a, vs.b, (long)al, k, (int)sizeof ra, p.b);
    int y = await(tick(n));
    printf("n=%d y=%d\n", n, y);
    y += await(tick(y));
    return y;
}

async int main(void)
{
    int r = 0;
    await(ac_join(r = work(5), work(7)));
    return r == 13 ? 0 : 1;
}
// OUT: n=5 r=15 v=105 a=50 vs.b=-5 al=5000 k=12 ra=8 p.b=6
// OUT: n=7 r=21 v=107 a=70 vs.b=-7 al=7000 k=14 ra=8 p.b=8
// OUT: n=5 y=6
// OUT: n=7 y=8

// CHECK: hit Breakpoint 1, {{.*}} at {{.*}}gdb_qualified.c:42
// CHECK-NEXT: printf("n=%d y=%d\n", n, y);
// CHECK-NEXT: $1 = 15
// CHECK-NEXT: $2 = 105
// CHECK-NEXT: $3 = 50
// CHECK-NEXT: $4 = {a = 5, b = -5}
// CHECK-NEXT: $5 = 5000
// CHECK-NEXT: $6 = {a = 5, b = 6}
// CHECK-NEXT: $7 = 12

// GEN: AC__DEBUG_RESTORE(k, ac__fr->ac__dbg.{{ac__v[0-9]+_k}})
// GEN: AC__DEBUG_STORE(ac__fr->ac__dbg.{{ac__v[0-9]+_r}}, r); AC__DEBUG_STORE(ac__fr->ac__dbg.{{ac__v[0-9]+_v}}, v); AC__DEBUG_STORE(ac__fr->ac__dbg.{{ac__v[0-9]+_a}}, a); AC__DEBUG_STORE(ac__fr->ac__dbg.{{ac__v[0-9]+_vs}}, vs); AC__DEBUG_STORE(ac__fr->ac__dbg.{{ac__v[0-9]+_al}}, al); AC__DEBUG_SAVE(ac__fr->ac__dbg.{{ac__v[0-9]+_k}}, k); AC__DEBUG_SAVE(ac__fr->ac__dbg.{{ac__v[0-9]+_p}}, p)
// GEN-NOT: ac__dbg.{{ac__v[0-9]+_ra}}
