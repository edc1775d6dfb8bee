// A noreturn async function that never suspends runs as a plain C function, ac__now_f: that body
// is noreturn as well. Without the attribute clang's -Wmissing-noreturn (xz's configure adds it)
// named ac__now_too_small.
// RUN: %asyncc %s -o %t.c
// RUN: %clang -fsyntax-only -Wall -Wextra -Wmissing-noreturn -Werror -I%S/../../../include %t.c
// RUN: %cc -Wmissing-noreturn -c %t.c -o %t.o
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>
#include <stdlib.h>

void fatal(const char *msg) __attribute__((__noreturn__));
void fatal(const char *msg)
{
    printf("%s\n", msg);
    fflush(stdout);
    exit(3);
}

async static void __attribute__((__noreturn__)) too_small(unsigned long n)
{
    printf("need %lu\n", n);
    fatal("too small");
}

async static _Noreturn void give_up(int code)
{
    exit(code);
}

async int check(unsigned long n)
{
    if (n > 2)
        await(give_up(4));
    if (n < 2)
        await(too_small(n));
    return 0;
}

async int main(void)
{
    await(check(2));
    await(check(1));
    // CHECK: need 1
    // CHECK: too small
    // CHECK: exit: 3
    return 0;
}
