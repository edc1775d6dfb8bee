// An input with #line directives of its own (yacc and bison output) is rewritten through them:
// errors are reported at the line and file they give, as clang reports them, in a function
// after the directive and on a line of it joined by a backslash-newline. A #line naming another
// file inside an async function, never undone before the function ends, is refused: its
// generated code replaces the lines of the file it starts in (run/include_in_body.c: one undone).
// RUN: not %asyncc %s -o %t.c 2>&1 | %FileCheck %s
// RUN: not %asyncc -DOTHER_FILE %s -o %t.c 2>&1 | %FileCheck --check-prefix=OTHER %s
// The refusal comes from the checking pass, before any code: --emit=dot (no lowering) says it too.
// RUN: not %asyncc --emit=dot -DOTHER_FILE %s 2>&1 | %FileCheck --check-prefix=OTHER %s
#include <asyncc.h>
int plain(int);
#ifndef OTHER_FILE
#line 200 "grammar.y"
async int f(void)
{
    await(ac_yield());
    return await(plain(1));
}
// CHECK: grammar.y:203:18: error: 'await' of 'plain', which is not an async function; declare it 'async'

async int g(int x)
{
    int y = x + \
        await(plain(2));
}
// CHECK: grammar.y:210:15: error: 'await' of 'plain', which is not an async function; declare it 'async'
#else
#line 40 "grammar.y"
async int h(void)
{
    await(ac_yield());
#line 7 "other.c"
    return 0;
}
// OTHER: grammar.y:40:11: error: a #line directive inside an async function names another file; asyncc cannot rewrite it
#endif
