// async int main(int argc, const char **argv): a main whose parameters are not spelled
// `int, char **` (lz4's lz4cli.c has `const char **argv`; `char *const argv[]`, unnamed ones).
// The C main asyncc writes was always `int main(int argc, char **argv)` and passed argv to an
// init taking `const char **`: -Wincompatible-pointer-types. The C main now declares the
// parameters as the async main does, so the compiler judges them as it judges the plain program.
// RUN: %run %s %t alpha beta | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

async static int show(int n, const char *const *v)
{
    for (int i = 1; i < n; i++) {
        await(ac_yield());
        printf("arg %s\n", v[i]);
    }
    return n;
}

async int main(int count, const char **args)
{
    // CHECK: arg alpha
    // CHECK-NEXT: arg beta
    // CHECK-NEXT: 3 arguments
    printf("%d arguments\n", await(show(count, args)));
    return 0;
}
// CHECK: exit: 0
