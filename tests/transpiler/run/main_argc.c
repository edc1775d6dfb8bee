// async int main(int argc): a main of one parameter, which gcc and clang take. The C main asyncc
// writes passed argc and argv to an init of one parameter, so the output did not compile ("too
// many arguments to function 'ac__init_main'"); found by gcc's torture test alias-4.c made async.
// RUN: %run %s %t one two | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

async int count(int n)
{
    await(ac_yield());
    return n - 1;
}

async int main(int argc)
{
    // CHECK: 2 arguments
    printf("%d arguments\n", await(count(argc)));
    return 0;
}
