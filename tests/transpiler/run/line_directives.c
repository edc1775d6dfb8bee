// A file with #line directives of its own, as yacc and bison write them around the grammar's
// code, is rewritten through them: the replaced lines are the file's own, and the generated code
// says the lines and file names the directives give (__LINE__, __FILE__ and the compiler's
// messages agree with the plain build). Also a #line written with a macro (c-testsuite 00152).
// RUN: %run %s %t | %FileCheck %s
// RUN: %asyncc %s -o %t.c && %FileCheck --check-prefix=LINES %s < %t.c
#include <asyncc.h>
#include <stdio.h>

#define GRAMMAR_LINE 100
#line GRAMMAR_LINE "grammar.y"
static int twice(int x)
{
    return x * 2;
}
#line 7 "grammar.y"
async int action(int v)
{
    await(ac_yield());
    return twice(v) + __LINE__;
}
// LINES: #line 7 "grammar.y"
// LINES: #line 9 "grammar.y"
// LINES: #line 10 "grammar.y"
#line 50 "parse.tab.c"
async int main(void)
{
    int r = await(action(1));
    printf("%d %d %s\n", r, __LINE__, __FILE__);
    // CHECK: 12 53 parse.tab.c
    return 0;
}
// CHECK-NEXT: exit: 0
