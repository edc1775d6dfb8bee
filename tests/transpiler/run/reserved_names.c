// Locals and parameters whose names start with ac__, asyncc's own prefix, live in the frame under
// another name (u_ac__...): renaming them used to loop forever, since each candidate name kept
// the prefix. Parameters named as the output's own (ac__p, ac__fr, ac__t of main's wrapper) were
// the parameters of ac__init_f, ac__args_f and main by that name, beside asyncc's: the output
// did not compile ("'ac__fr' redeclared as different kind of symbol"); those take their field's
// name there.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

async int twice(int ac__x)
{
    int ac__state = ac__x * 2, ac__result = 1, u_ac__result = 5;
    await(ac_yield());
    return ac__state + ac__result + u_ac__result + ac__x;
}

async int generated(int ac__p, int ac__fr, int ac__cx, int ac__from, int ac__keep)
{
    int sum = ac__p + ac__fr * 10 + ac__cx * 100;
    await(ac_yield());
    return sum + ac__from * 1000 + ac__keep * 10000;
}

async int main(int ac__t, char **ac__argv)
{
    (void)ac__argv;
    // CHECK: 54321 1
    printf("%d %d\n", await(generated(1, 2, 3, 4, 5)), ac__t);
    int ac__t1 = 10;
    for (int ac__i = 0; ac__i < 2; ac__i++) {
        int ac__i_2 = await(twice(ac__i + ac__t1));
        // CHECK: 0 36
        // CHECK: 1 39
        printf("%d %d\n", ac__i, ac__i_2);
    }
    return 0;
}
// CHECK: exit: 0
