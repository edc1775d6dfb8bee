// Parameters the body never reads, in an async function whose awaits never suspend: a parameter kept
// as a C local of its own name is loaded from the frame at the start of the body, and nothing
// stores it back (there is no suspension). The output warned -Wunused-variable, a -Wall warning
// (so -Werror stopped the build) where the source gives at most -Wextra's -Wunused-parameter;
// found by gcc's torture test 20091229-1.c made async (`async int main(int argc, char **argv)`).
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

async long long quotient(long long v)
{
    return v / -0x080000000LL;
}

async int main(int argc, char **argv)
{
    // CHECK: -1
    printf("%lld\n", await(quotient(0x080000000LL)));
    return 0;
}
