// Parameters the body never reads, in an async function whose awaits never suspend: a parameter kept
// as a C local of its own name is loaded from the frame at the start of the body, and nothing
// stores it back (there is no suspension). The output warned -Wunused-variable, a -Wall warning
// (so -Werror stopped the build) where the source gives at most -Wextra's -Wunused-parameter;
// found by gcc's torture test 20091229-1.c made async (`async int main(int argc, char **argv)`).
// That -Wunused-parameter is the output's too, at the source's lines (lower_witness.c), and only it.
// RUN: %asyncc %s -o %t.c
// RUN: %cc -Wno-unused-parameter %t.c %libs -o %t && %t | %FileCheck %s
// RUN: %clang -std=gnu11 -Wall -Wextra -Werror -Wno-unused-parameter -I%S/../../../include -fsyntax-only %t.c
// RUN: %cc -Wno-error -c %t.c -o %t.o 2>&1 | %FileCheck %s --check-prefix=WARN --implicit-check-not=warning:
// WARN: unused_params.c:[[@LINE+10]]:20: warning: unused parameter {{.+}} [-Wunused-parameter]
// WARN: unused_params.c:[[@LINE+9]]:33: warning: unused parameter {{.+}} [-Wunused-parameter]
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
