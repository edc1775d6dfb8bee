// A #line directive after blank lines that numbers its next line one less than the count would
// (bison's skeleton lines copied or moved: flex's parse.c made async, with a copy of yyparse) was
// taken for clang skipping the blank lines, so the input lines of everything after it were one
// short: the text after the function started one line early and its last line came out twice
// (`return yyresult; }` after the generated code, "expected identifier or '(' before 'return'").
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

async int f(int x)
{
    await(ac_yield());
#line 50
    x += 1;

#line 52
    x += 2;
    await(ac_yield());
return x;
}

async int g(int x)
{
    await(ac_yield());
#line 80
    x *= 10;


#line 82
    x *= 3;
await(ac_yield());
return x + __LINE__;
}

async int main(void)
{
    // CHECK: 4 114
    printf("%d %d\n", await(f(1)), await(g(1)));
    return 0;
}
// CHECK-NEXT: exit: 0
