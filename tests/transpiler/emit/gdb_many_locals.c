// At -O0, gdb stopped after the last of 60 awaits prints the last value of each of the 60 locals
// declared before them, even though the function never reads one after its await: each
// suspension copies the locals in scope to the frame (ac__dbg) and the resumption copies them
// back (emit/gdb_resumed). That is 60 x 61 / 2 copies each way, 3,660 in all: a function has a
// budget of 4,096 (lower_locals.c), past which the locals in scope at the most awaits lose
// theirs first; tests/transpiler/adversarial/long_function.c (600 locals, 600 awaits) keeps
// copies for its last locals and drops those of its first ones. Two tasks run `work` on one
// worker, so that a slot without a copy would show the other task's value. (Not instrumented by
// ASan: gcc's -O0 debug info then places these 60 locals through a register gdb cannot read here.)
// REQUIRES: gdb
// RUN: %asyncc %s -o %t.c
// RUN: %cc -g -O0 -fno-sanitize=address -c %t.c -o %t.o
// RUN: %cc %t.o %libs -o %t
// RUN: %t | %FileCheck --check-prefix=OUT %s
// RUN: env ASYNCC_WORKERS=1 gdb -batch -nx -ex "break gdb_many_locals.c:35 if ac__fr->n == 1" -ex run -ex "print v3" -ex "print v41" -ex "print v59" %t 2>&1 | %FileCheck %s
// RUN: %asyncc %S/../adversarial/long_function.c -o %t.long.c
// RUN: grep -oE "AC__DEBUG_(COPY|SAVE|STORE|LOAD|RESTORE)\(" %t.long.c | wc -l | %python -c "import sys; n = int(sys.stdin.read()); sys.exit(not 1000 < n <= 4096)"
// RUN: %FileCheck --check-prefix=LONG %s < %t.long.c
#include <asyncc.h>
#include <stdio.h>

async int id(int x) { await(ac_yield()); return x; }

#define STEP(i) int v##i = n * 1000 + i; acc += await(id(v##i % 7));

async int work(int n)
{
    long acc = 0;
    STEP(0) STEP(1) STEP(2) STEP(3) STEP(4) STEP(5) STEP(6) STEP(7) STEP(8) STEP(9)
    STEP(10) STEP(11) STEP(12) STEP(13) STEP(14) STEP(15) STEP(16) STEP(17) STEP(18) STEP(19)
    STEP(20) STEP(21) STEP(22) STEP(23) STEP(24) STEP(25) STEP(26) STEP(27) STEP(28) STEP(29)
    STEP(30) STEP(31) STEP(32) STEP(33) STEP(34) STEP(35) STEP(36) STEP(37) STEP(38) STEP(39)
    STEP(40) STEP(41) STEP(42) STEP(43) STEP(44) STEP(45) STEP(46) STEP(47) STEP(48) STEP(49)
    STEP(50) STEP(51) STEP(52) STEP(53) STEP(54) STEP(55) STEP(56) STEP(57) STEP(58) STEP(59)
    printf("%d: %ld\n", n, acc);
    return (int)acc;
}

async int main(void)
{
    int a = 0, b = 0;
    await(ac_join(a = work(1), b = work(2)));
    return a + b > 0 ? 0 : 1;
}
// OUT: 1: 177
// OUT: 2: 180

// CHECK: hit Breakpoint 1, {{.*}} at {{.*}}gdb_many_locals.c:35
// CHECK-NEXT: printf
// CHECK-NEXT: $1 = 1003
// CHECK-NEXT: $2 = 1041
// CHECK-NEXT: $3 = 1059

// The last locals of long_function.c keep their copies (v595 is in scope at its last awaits),
// its first ones have none (v1 is in scope at ~600).
// LONG-NOT: ac__dbg.ac__v{{[0-9]+}}_v1,
// LONG: AC__DEBUG_SAVE(ac__fr->ac__dbg.ac__v{{[0-9]+}}_v595, v595)
