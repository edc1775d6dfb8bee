// With #line on, the brace that closes a statement wrapped in a block for its await ends the
// statement's last line, and `} else {` stays on one line: neither takes a line and a #line of its
// own (each was a #line repeating the line before it). gdb stops at each branch's own line.
// RUN: %asyncc %s -o %t.c
// RUN: %FileCheck --check-prefix=GEN %s < %t.c
// RUN: %cc -g -O0 %t.c %libs -o %t
// RUN: %t | %FileCheck --check-prefix=OUT %s
// REQUIRES: gdb
// RUN: gdb -batch -nx -ex "break else_lines.c:25" -ex "break else_lines.c:29" -ex "break else_lines.c:36" -ex "break else_lines.c:23" -ex run -ex continue -ex continue -ex continue %t 2>&1 | %FileCheck --check-prefix=GDB %s
#include <asyncc.h>
#include <stdio.h>

async int twice(int x)
{
    await(ac_yield());
    return 2 * x;
}

async int branches(int x)
{
    int t = 0;
    if (x)
        t = await(twice(x));
    else
        t = 2;
    if (x > 1) {
        t += await(twice(x));
    } else {
        t--;
    }
    if (x > 2)
        await(ac_yield());
    else if (x > 3)
        await(ac_yield());
    else
        t++;
    return t;
}

async int main(void)
{
    printf("%d %d\n", await(branches(0)), await(branches(5)));
    return 0;
}
// (the patterns do not match themselves: the output keeps these comments)
// GEN: t = ac__fr->ac__c1.ac__result;{{ }}}
// GEN-NEXT: #line 25 "{{[^{]*}}else_lines.c"
// GEN-NEXT: else{{ }}t = 2;
// GEN: t += ac__fr->ac__c2.ac__result;{{$}}
// GEN-NEXT: }{{ }}else {
// GEN-NEXT: t--;{{$}}
// GEN: #line 36 "{{[^{]*}}else_lines.c"
// GEN-NEXT: else t++;{{ }}}
// GEN-EMPTY:
// GEN-NEXT: #line 37 "{{[^{]*}}else_lines.c"
// GEN-NEXT: return{{ }}(

// OUT: 2 20

// GDB: Breakpoint 1, {{.*}}else_lines.c:25
// GDB: Breakpoint 2, {{.*}}else_lines.c:29
// GDB: Breakpoint 3, {{.*}}else_lines.c:36
// GDB: Breakpoint 4{{(\.1)?}}, {{.*}}else_lines.c:23
