// A loop whose condition awaits, inside a switch whose case labels enter its body (Duff's device,
// a resumable parser): the loop becomes `for (;;) { ...; if (!(cond)) break; body }`, and gcc's
// -Wimplicit-fallthrough (in -Wextra) took that `if` for a statement falling into the body's
// first case label, where the source's loop condition is no such statement: the output did not
// build with -Werror where the source does. A fallthrough attribute (AC__LOOP_ENTRY) says so.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

async int id(int x)
{
    await(ac_yield());
    return x;
}

async int resume_at(int k)
{
    int s = 0, n = 0, i = 0;
    switch (k) {
    case 0:
        while (await(id(n)) < 4) {
        case 1:
            s += 10;
            n++;
            if (n == 2)
                continue;
            s += 100;
        }
        break;
    case 2:
        for (i = 0; await(id(i)) < 3; i += await(id(1))) {
            {
            case 3:
                if (i == 1) {
                    i++;
                    continue;
                }
            }
            s += 1000 * (i + 1);
        }
        break;
    case 4:
        while (await(id(n)) < 3) {
        ready:
        default:
            s += n + 7;
            n++;
        }
        if (s < 40) {
            n = 0;
            goto ready;
        }
    }
    return s * 100 + n * 10 + i;
}

async int main(void)
{
    for (int k = 0; k < 5; k++)
        printf("%d: %d\n", k, await(resume_at(k)));
    return 0;
}
// CHECK: 0: 34040
// CHECK-NEXT: 1: 34040
// CHECK-NEXT: 2: 100003
// CHECK-NEXT: 3: 100003
// CHECK-NEXT: 4: 4830
// CHECK-NEXT: exit: 0
