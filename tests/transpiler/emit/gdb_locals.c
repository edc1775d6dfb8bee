// gdb stopped in an async function prints its parameters and locals by their own names, after
// an await too: a frame variable that nothing points into is a C local of its name in the
// generated code, stored to the frame only while the function is suspended. `break sum_up`
// stops on its head line each time a poll enters it (ac__from is the state it resumes from).
// REQUIRES: gdb
// RUN: %asyncc %s -o %t.c
// RUN: %cc -g -O0 %t.c %libs -o %t
// RUN: gdb -batch -nx -ex "break sum_up if ac__from == 0" -ex run -ex next -ex "print limit" -ex "break gdb_locals.c:22 if i == 2" -ex continue -ex "print limit" -ex "print step" -ex "print i" -ex "print sq" -ex "print total" -ex continue %t 2>&1 | %FileCheck %s
// RUN: %t | %FileCheck --check-prefix=OUT %s
#include <asyncc.h>
#include <stdio.h>

async int sum_up(int limit, int step)
{
    int total = 0;
    for (int i = 0; i < limit; i++) {
        int sq = i * step;
        // more than one await, so that the state differs from the first
        await(ac_yield());
        if (i == 1)
            await(ac_yield());
        total += sq;
    }
    return total;
}

async int main(void)
{
    printf("sum %d\n", await(sum_up(4, 3)));
    return 0;
}
// CHECK: Breakpoint 1 at {{.*}}: file {{.*}}gdb_locals.c, line 13.
// CHECK: hit Breakpoint 1, {{.*}}ac__from=0{{.*}} at {{.*}}gdb_locals.c:13
// CHECK-NEXT: 13 async int sum_up(int limit, int step)
// CHECK-NEXT: 15 int total = 0;
// CHECK-NEXT: $1 = 4
// CHECK: hit Breakpoint 2, {{.*}} at {{.*}}gdb_locals.c:22
// CHECK-NEXT: 22 total += sq;
// CHECK-NEXT: $2 = 4
// CHECK-NEXT: $3 = 3
// CHECK-NEXT: $4 = 2
// CHECK-NEXT: $5 = 6
// CHECK-NEXT: $6 = 3
// OUT: sum 18
