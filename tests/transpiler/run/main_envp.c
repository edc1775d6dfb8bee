// async int main(int, char **, char **): the environment parameter, a common extension, reaches
// the async main (the generated C main passed only argc and argv: it did not compile).
// RUN: env ASYNCC_TEST_VAR=present %run %s %t one | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>
#include <string.h>

async int main(int argc, char **argv, char **envp)
{
    await(ac_yield());
    int found = 0;
    for (char **e = envp; *e; e++)
        found |= strcmp(*e, "ASYNCC_TEST_VAR=present") == 0;
    // CHECK: argc 2 one found 1
    printf("argc %d %s found %d\n", argc, argv[1], found);
    return 0;
}
// CHECK: exit: 0
