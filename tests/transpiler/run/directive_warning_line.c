// The directives of an async body that the output keeps (conditionals, #define, #undef: written
// after the function's generated code) have their warnings at their own lines. They were written
// under the #line of the generated code, so gcc's -Wundef for cmark's `#if CMARK_DEBUG_NODES`
// named a line of the output, which asyncc-cc maps back to another line of the input.
// RUN: %asyncc %s -o %t.c
// RUN: %cc -Wno-error -Wundef -Wunused-macros -c %t.c -o %t.o 2>&1 | %FileCheck %s
// RUN: %run %s %t | %FileCheck %s --check-prefix=OUT
#include <asyncc.h>
#include <stdio.h>

#define LEVEL 1

static async int step(int x)
{
    await(ac_yield());
    return x + 1;
}

static async int finish(int x)
{
    x = await(step(x));
    x = await(step(x));

#if DEBUG_NODES
    // CHECK: directive_warning_line.c:[[@LINE-1]]:5: warning: "DEBUG_NODES" is not defined
    printf("debug\n");
#endif
    x = await(step(x));
#undef LEVEL
#define LEVEL 2
#define NEVER_USED 3
    // CHECK: directive_warning_line.c:[[@LINE-1]]{{(:[0-9]+)?}}: warning: macro "NEVER_USED" is not used
    return x * LEVEL;
}

async int main(void)
{
    printf("%d\n", await(finish(0)));
    return 0;
}
// OUT: 6
// OUT-NEXT: exit: 0
