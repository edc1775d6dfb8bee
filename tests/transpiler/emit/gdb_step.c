// gdb's `next` over an await: one that completes at once goes on to the next line; one that
// suspends the task stops where the function returns to the runtime, which gdb shows as a file
// named to say so (every suspension returns through it), instead of the closing brace as if the
// function had ended. A breakpoint after the await stops there when the task resumes.
// REQUIRES: gdb
// RUN: %asyncc %s -o %t.c
// RUN: %cc -g -O0 %t.c %libs -o %t
// RUN: gdb -batch -nx -ex "break gdb_step.c:22" -ex run -ex next -ex next -ex "break gdb_step.c:24" -ex continue -ex "print a" -ex "print b" %t 2>&1 | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

async int quick(int x) { return x + 1; }

async int slow(int x)
{
    await(ac_yield());
    return x * 2;
}

async int main(void)
{
    int a = await(quick(1));
    int b = await(slow(a));
    printf("%d %d\n", a, b);
    return 0;
}
// CHECK: hit Breakpoint 1, {{.*}} at {{.*}}gdb_step.c:22
// CHECK-NEXT: 22 int a = await(quick(1));
// CHECK-NEXT: 23 int b = await(slow(a));
// CHECK-NEXT: 1 {{.*}}asyncc: the task is suspended at this await; it resumes there when woken
// CHECK: hit Breakpoint 2, {{.*}} at {{.*}}gdb_step.c:24
// CHECK-NEXT: 24 printf("%d %d\n", a, b);
// CHECK-NEXT: $1 = 2
// CHECK-NEXT: $2 = 4
