// async int main(int argc, char **argv): the program's entry on the default runtime; its return
// value is the exit status.
// RUN: %run %s %t alpha beta | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

async int count_args(int argc, char **argv)
{
    int n = 0;
    for (int i = 1; i < argc; i++) {
        await(ac_yield());
        printf("arg %s\n", argv[i]);
        n++;
    }
    return n;
}

async int main(int argc, char **argv)
{
    int n = await(count_args(argc, argv));
    return 40 + n;
}
// CHECK: arg alpha
// CHECK-NEXT: arg beta
// CHECK-NEXT: exit: 42
