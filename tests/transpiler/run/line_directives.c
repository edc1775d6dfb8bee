// A file with #line directives of its own, as yacc and bison write them around the grammar's
// code, is rewritten through them: the replaced lines are the file's own, and the generated code
// says the lines and file names the directives give (__LINE__, __FILE__ and the compiler's
// messages agree with the plain build). Also a #line written with a macro (c-testsuite 00152).
// RUN: %run %s %t | %FileCheck %s
// RUN: %asyncc %s -o %t.c && grep -v "^// " %t.c | %FileCheck --check-prefix=LINES %s
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
// (the await's line follows from the counting after a directive for line 7: no directive of its own)
// LINES: #line 8 "grammar.y"
// LINES-NEXT: {
// LINES-NEXT: #line 7 "grammar.y"
// LINES-NEXT: int v = ac__fr->v;
// LINES-EMPTY:
// LINES-NEXT: ac__init_ac_yield
// LINES-EMPTY:
// LINES-NEXT: #line 10 "grammar.y"
// LINES-NEXT: return ((void)(ac__fr->ac__result = (twice(v) + 10))
#line 50 "parse.tab.c"
async int main(void)
{
    int r = await(action(1));
    printf("%d %d %s\n", r, __LINE__, __FILE__);
    // CHECK: 12 53 parse.tab.c
    return 0;
}
// CHECK-NEXT: exit: 0
