// gdb stopped by `break f` at an async function's head (each time a poll enters it: its first
// poll, and each resumption, before the dispatch to the await it resumes from) prints f's
// parameters by name: there the body's blocks have not begun and the parameters are in the frame
// alone, and `print n` said `No symbol "n" in current context.` (gdb_locals.c steps past the head
// first). The gdb extension stands for them with ac__fr's fields: the value of the first poll,
// then the one the frame holds at the await it resumes from. Once the program has exited, no name
// of the last stop is left standing for a frame (`print p` named asyncc's debug symbol).
// REQUIRES: gdb
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: %asyncc %s -o %t.dir/head.c
// RUN: %cc -g -O0 %t.dir/head.c %libs -o %t.dir/prog
// (LeakSanitizer cannot run under ptrace: the ASan+UBSan build would end "exited with code 01")
// RUN: env ASAN_OPTIONS=detect_leaks=0 gdb -batch -nx -iex "add-auto-load-safe-path %t.dir" -ex "break walk" -ex run -ex "print n" -ex "print p.b" -ex "print label" -ex "print n + p.a" -ex continue -ex "print n" -ex "print p" -ex "delete" -ex continue -ex "print n" -ex "print p" -ex "info breakpoints" %t.dir/prog 2>&1 | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

struct pair { int a, b; };

async int walk(int n, struct pair p, const char *label)
{
    int steps = 0;
    while (n > 0) {
        n -= p.a;
        await(ac_yield());
        steps++;
    }
    printf("%s %d\n", label, steps);
    return steps + p.b;
}

async int main(void)
{
    struct pair p = {2, 40};
    printf("walk %d\n", await(walk(5, p, "left")));
    return 0;
}
// CHECK: hit Breakpoint 1, {{.*}}ac__from=0
// CHECK-NEXT: {{.*}}async int walk
// CHECK-NEXT: $1 = 5
// CHECK-NEXT: $2 = 40
// CHECK-NEXT: $3 = {{.*}} "left"
// CHECK-NEXT: $4 = 7
// CHECK: hit Breakpoint 1, {{.*}}ac__from=1
// CHECK-NEXT: {{.*}}async int walk
// CHECK-NEXT: $5 = 3
// CHECK-NEXT: $6 = {a = 2, b = 40}
// CHECK: left 3
// CHECK: walk 43
// CHECK: exited normally
// CHECK-NEXT: No symbol "n" in current context.
// CHECK-NEXT: No symbol "p" in current context.
// (the last command succeeds: gdb -batch exits 1 after one that failed)
// CHECK-NEXT: No breakpoints
