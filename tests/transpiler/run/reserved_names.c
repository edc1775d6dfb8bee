// Locals and parameters whose names start with ac__, asyncc's own prefix, live in the frame under
// another name (u_ac__...): renaming them used to loop forever, since each candidate name kept
// the prefix.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

async int twice(int ac__x)
{
    int ac__state = ac__x * 2, ac__result = 1, u_ac__result = 5;
    await(ac_yield());
    return ac__state + ac__result + u_ac__result + ac__x;
}

async int main(void)
{
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
