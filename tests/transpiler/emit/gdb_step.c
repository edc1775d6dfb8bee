// gdb's `next` over an await: one that completes at once goes on to the next line; one that
// suspends the task stops where the function returns to the runtime, which gdb shows as a file
// named to say so (every suspension returns through it), instead of the closing brace as if the
// function had ended. A breakpoint after the await stops there when the task resumes; the gdb
// extension's `asyncc next` goes on until the task resumes at the await and finishes the step.
// REQUIRES: gdb
// RUN: %asyncc %s -o %t.c
// RUN: %cc -g -O0 %t.c %libs -o %t
// RUN: gdb -batch -nx -ex "break gdb_step.c:24" -ex run -ex next -ex next -ex "break gdb_step.c:26" -ex continue -ex "print a" -ex "print b" %t 2>&1 | %FileCheck %s
// RUN: gdb -batch -nx -iex "add-auto-load-safe-path %t" -ex "break gdb_step.c:24" -ex run -ex next -ex next -ex "asyncc next" -ex "print b" -ex "asyncc next" %t 2>&1 | %FileCheck --check-prefix=EXT %s
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
// CHECK: hit Breakpoint 1, {{.*}} at {{.*}}gdb_step.c:24
// CHECK-NEXT: 24 int a = await(quick(1));
// CHECK-NEXT: 25 int b = await(slow(a));
// CHECK-NEXT: 1 {{.*}}asyncc: the task is suspended at this await; it resumes there when woken
// CHECK: hit Breakpoint 2, {{.*}} at {{.*}}gdb_step.c:26
// CHECK-NEXT: 26 printf("%d %d\n", a, b);
// CHECK-NEXT: $1 = 2
// CHECK-NEXT: $2 = 4
// EXT: hit Breakpoint 1, {{.*}} at {{.*}}gdb_step.c:24
// EXT-NEXT: 24 int a = await(quick(1));
// EXT-NEXT: 25 int b = await(slow(a));
// EXT-NEXT: 1 {{.*}}asyncc: the task is suspended at this await; it resumes there when woken
// EXT-NEXT: asyncc: the task is suspended at this await: `asyncc next` goes on until it resumes here
// EXT-NEXT: asyncc: the task resumed at this await (thread {{[0-9]+}})
// EXT-NEXT: 26 printf("%d %d\n", a, b);
// EXT-NEXT: $1 = 4
// An await-free line: as next.
// EXT-NEXT: 27 return 0;
