// An async function whose lines hold conditionals that open or close outside them: a header
// chosen by #if with the other branch's header in #else (sqlite's shell: `main` or `wmain`), a
// closing brace in each branch, a header under an #if that closes inside the body. Its lines are
// replaced by generated code, and every conditional among them goes after it, in order, with the
// text of the branches not taken left out. The unbalanced ones were dropped before, and the output
// ended in "unterminated #if" or lost the #endif of what followed.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

#define WIDE 0
#define ONE 1

#if !WIDE
async int head(int argc, char **argv)
{
#else
async int head(int argc, wchar_t **wargv)
{
    char **argv = 0;
#endif
#ifdef NOT_DEFINED
    int unused = 1;
#endif
    int x = argc + (argv != 0);
    await(ac_yield());
    return x + __COUNTER__ * 0;
}

async int two_ends(int x)
{
    await(ac_yield());
#if ONE
    return x + 1;
}
#else
    return x + 2;
}
#endif

#ifndef NOT_DEFINED
async int opened_outside(int x)
{
#define AFTER 40
#endif
    await(ac_yield());
    return x + AFTER;
}

#if ONE
static int after_if(void) { return 1; }
#else
static int after_if(void) { return 2; }
#endif

async int main(void)
{
    char *args[] = {"a", 0};
    printf("%d %d %d %d %d\n", await(head(1, args)), await(two_ends(10)), await(opened_outside(2)), after_if(), __COUNTER__);
    // CHECK: 2 11 42 1 1
    return 0;
}
// CHECK-NEXT: exit: 0
